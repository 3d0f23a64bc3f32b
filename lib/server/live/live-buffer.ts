import "server-only";
import type { CanonicalPosition } from "../../ingest/canonical-position";
import type { AircraftIdentity } from "../../ingest/types";

export interface BufferedBatch {
  records: CanonicalPosition[];
  /** Wall-clock ms each record was received at (same order): message-to-stored latency. */
  receivedAtMs: number[];
  identities: Map<string, AircraftIdentity>;
}

/**
 * Positions received and not yet committed. Bounded: past `highWater` records, `push` returns a
 * promise that resolves once the writer took them, and the sources await it, so a feed faster
 * than the database is paused at its socket (TCP backpressure) instead of growing memory.
 */
export class LiveBuffer {
  private batch: BufferedBatch = { records: [], receivedAtMs: [], identities: new Map() };
  private waiters: (() => void)[] = [];
  private readyWaiter: (() => void) | null = null;
  /** The most records ever held at once (tests and the benchmark read it). */
  peakRecords = 0;

  constructor(
    readonly highWater: number,
    /** A batch this large is handed to the writer without waiting for its timer. */
    readonly batchRecords: number,
  ) {}

  get size(): number {
    return this.batch.records.length;
  }

  private closed = false;

  /** null while there is room (no promise per record) or once closed; otherwise resolves when there is. */
  push(record: CanonicalPosition, receivedAtMs: number): Promise<void> | null {
    this.batch.records.push(record);
    this.batch.receivedAtMs.push(receivedAtMs);
    const n = this.batch.records.length;
    if (n > this.peakRecords) this.peakRecords = n;
    if (n >= this.batchRecords || n >= this.highWater) this.wakeWriter();
    if (n < this.highWater || this.closed) return null;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  identify(identity: AircraftIdentity): void {
    this.batch.identities.set(identity.icao24, identity);
  }

  /** Stopping: sources waiting for room go on (to notice they are stopped); nothing waits again. */
  close(): void {
    this.closed = true;
    this.wakeWriter();
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Everything buffered so far; sources that waited for room go on. */
  take(): BufferedBatch {
    const taken = this.batch;
    this.batch = { records: [], receivedAtMs: [], identities: new Map() };
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
    return taken;
  }

  /** Resolves after `ms`, or earlier once a full batch is waiting or the sources wait for room. */
  async ready(ms: number): Promise<void> {
    const n = this.batch.records.length;
    if (n >= this.batchRecords || n >= this.highWater) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.readyWaiter === done) this.readyWaiter = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.readyWaiter = done;
    });
  }

  private wakeWriter(): void {
    this.readyWaiter?.();
  }
}
