import "server-only";
import type pg from "pg";
import { dbPool } from "../db/pool";

export type AuditAction =
  | "sign-in"
  | "sign-in-refused"
  | "sign-in-throttled"
  | "sign-out"
  | "upload"
  | "user-created"
  | "user-disabled"
  | "token-created"
  | "token-revoked"
  | "review-status"
  | "review-assigned"
  | "note-added"
  | "published"
  | "unpublished";

/**
 * Append to the audit log. Details must never carry a password, a token or a secret. Pass the
 * transaction's client when the event belongs to a change, so both commit or neither does.
 */
export async function recordAuditEvent(
  event: {
  action: AuditAction;
  actorId?: number | null;
  actorEmail?: string | null;
  subject?: string | null;
  details?: Record<string, unknown> | null;
  address?: string | null;
  },
  client: pg.Pool | pg.PoolClient = dbPool(),
): Promise<void> {
  await client.query(
    `INSERT INTO audit_events (actor_id, actor_email, action, subject, details, address) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      event.actorId ?? null,
      event.actorEmail ?? null,
      event.action,
      event.subject ?? null,
      event.details ? JSON.stringify(event.details) : null,
      event.address ?? null,
    ],
  );
}
