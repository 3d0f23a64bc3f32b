import "server-only";
import { dbPool } from "../db/pool";
import type { FeedStatus } from "./feed-status";

/**
 * Write the status of the configured feeds (those with an id) for the admin page. The counters
 * (messages, positions, reconnects, errors) are added to what is stored, and the last error, last
 * message and stream time are kept until this live path has its own: a restart of the worker or a
 * reload of the feeds does not start the page again from zero. One write at a time per live path
 * (each adds what the one before did not).
 */
export async function writeFeedStatus(statuses: readonly FeedStatus[]): Promise<void> {
  const rows = statuses.filter((s) => s.feedId !== null);
  if (rows.length === 0) return;
  const counts = rows.map((s) => s.counts());
  const added = rows.map((s) => s.unwritten());
  await dbPool().query(
    `UPDATE live_feeds f SET connected = s.connected, messages_total = f.messages_total + s.messages, messages_per_s = s.rate,
            positions_total = f.positions_total + s.positions, last_message_at = coalesce(s.last_message_at, f.last_message_at),
            stream_time = coalesce(s.stream_time, f.stream_time), reconnects = f.reconnects + s.reconnects, errors = f.errors + s.errors,
            last_error = coalesce(s.last_error, f.last_error), status_at = $11
       FROM unnest($1::int[], $2::bool[], $3::bigint[], $4::real[], $5::bigint[], $6::timestamptz[], $7::timestamptz[], $8::int[], $9::int[], $10::text[])
            AS s(id, connected, messages, rate, positions, last_message_at, stream_time, reconnects, errors, last_error)
      WHERE f.id = s.id`,
    [
      rows.map((s) => s.feedId),
      rows.map((s) => s.connected),
      added.map((a) => a.messages),
      rows.map((s) => s.messagesPerS),
      added.map((a) => a.positions),
      rows.map((s) => (s.lastMessageAtMs === null ? null : new Date(s.lastMessageAtMs))),
      rows.map((s) => (s.streamTimeMs === null ? null : new Date(s.streamTimeMs))),
      added.map((a) => a.reconnects),
      added.map((a) => a.errors),
      rows.map((s) => s.lastError?.slice(0, 500) ?? null),
      new Date(),
    ],
  );
  rows.forEach((s, i) => s.markWritten(counts[i]!));
}
