import "server-only";
import type { LiveSourceKind } from "./live-source-url";

/** What a running source reports: the admin page's columns, kept in memory and written every few seconds. */
export class FeedStatus {
  connected = false;
  messagesTotal = 0;
  positionsTotal = 0;
  duplicatesTotal = 0;
  reconnects = 0;
  errors = 0;
  lastError: string | null = null;
  lastMessageAtMs: number | null = null;
  /** The stream's own latest time (the newest position's time). */
  streamTimeMs: number | null = null;
  private rateWindow: { atMs: number; messages: number } = { atMs: 0, messages: 0 };
  messagesPerS = 0;

  constructor(
    readonly url: string,
    readonly kind: LiveSourceKind,
    readonly feedId: number | null,
  ) {}

  message(nowMs: number): void {
    this.messagesTotal += 1;
    this.lastMessageAtMs = nowMs;
  }

  position(timeMs: number): void {
    this.positionsTotal += 1;
    if (this.streamTimeMs === null || timeMs > this.streamTimeMs) this.streamTimeMs = timeMs;
  }

  error(reason: string): void {
    this.errors += 1;
    this.lastError = reason;
  }

  /** Messages per second since the previous call (called by the status writer). */
  updateRate(nowMs: number): void {
    const { atMs, messages } = this.rateWindow;
    if (atMs > 0 && nowMs > atMs) this.messagesPerS = ((this.messagesTotal - messages) * 1000) / (nowMs - atMs);
    this.rateWindow = { atMs: nowMs, messages: this.messagesTotal };
  }
}
