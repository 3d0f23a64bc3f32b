import "server-only";
import { dbPool } from "../db/pool";
import type { FeedStatus } from "./feed-status";

/** Write the status of the configured feeds (those with an id) for the admin page. */
export async function writeFeedStatus(statuses: readonly FeedStatus[]): Promise<void> {
  const rows = statuses.filter((s) => s.feedId !== null);
  if (rows.length === 0) return;
  await dbPool().query(
    `UPDATE live_feeds f SET connected = s.connected, messages_total = s.messages, messages_per_s = s.rate,
            positions_total = s.positions, last_message_at = s.last_message_at, stream_time = s.stream_time,
            reconnects = s.reconnects, errors = s.errors, last_error = s.last_error, status_at = $11
       FROM unnest($1::int[], $2::bool[], $3::bigint[], $4::real[], $5::bigint[], $6::timestamptz[], $7::timestamptz[], $8::int[], $9::int[], $10::text[])
            AS s(id, connected, messages, rate, positions, last_message_at, stream_time, reconnects, errors, last_error)
      WHERE f.id = s.id`,
    [
      rows.map((s) => s.feedId),
      rows.map((s) => s.connected),
      rows.map((s) => s.messagesTotal),
      rows.map((s) => s.messagesPerS),
      rows.map((s) => s.positionsTotal),
      rows.map((s) => (s.lastMessageAtMs === null ? null : new Date(s.lastMessageAtMs))),
      rows.map((s) => (s.streamTimeMs === null ? null : new Date(s.streamTimeMs))),
      rows.map((s) => s.reconnects),
      rows.map((s) => s.errors),
      rows.map((s) => s.lastError?.slice(0, 500) ?? null),
      new Date(),
    ],
  );
}
