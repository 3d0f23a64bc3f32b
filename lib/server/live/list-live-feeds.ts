import "server-only";
import { prisma } from "../db/prisma";

export interface LiveFeedSummary {
  id: number;
  url: string;
  kind: string;
  name: string | null;
  enabled: boolean;
  /** Connected now: the worker wrote a connected status within the last 30 s. */
  connected: boolean;
  messagesPerS: number;
  messagesTotal: number;
  positionsTotal: number;
  lastMessageAt: string | null;
  streamTime: string | null;
  reconnects: number;
  errors: number;
  lastError: string | null;
  statusAt: string | null;
}

/** A status older than this means no worker is running the feed. */
const STATUS_FRESH_MS = 30_000;

/** The configured live feeds with the status their ingest last wrote, oldest first. */
export async function listLiveFeeds(nowMs = Date.now()): Promise<LiveFeedSummary[]> {
  const feeds = await prisma().liveFeed.findMany({ orderBy: { id: "asc" } });
  return feeds.map((f) => {
    const fresh = f.statusAt !== null && nowMs - f.statusAt.getTime() < STATUS_FRESH_MS;
    return {
      id: f.id,
      url: f.url,
      kind: f.kind,
      name: f.name,
      enabled: f.enabled,
      connected: fresh && f.connected,
      messagesPerS: fresh ? f.messagesPerS : 0,
      messagesTotal: Number(f.messagesTotal),
      positionsTotal: Number(f.positionsTotal),
      lastMessageAt: f.lastMessageAt?.toISOString() ?? null,
      streamTime: f.streamTime?.toISOString() ?? null,
      reconnects: f.reconnects,
      errors: f.errors,
      lastError: f.lastError,
      statusAt: f.statusAt?.toISOString() ?? null,
    };
  });
}
