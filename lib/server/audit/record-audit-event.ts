import "server-only";
import type pg from "pg";
import { prisma, type Prisma } from "../db/prisma";

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
  | "unpublished"
  | "live-feed-added"
  | "live-feed-removed"
  | "alert-rule-added"
  | "alert-rule-removed";

/**
 * Append to the audit log. Details must never carry a password, a token or a secret. Pass the
 * transaction's client when the event belongs to a change, so both commit or neither does: a
 * Prisma transaction (reviews), or a pg client (re-detection, whose transaction is raw SQL).
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
  client: Prisma.TransactionClient | pg.PoolClient = prisma(),
): Promise<void> {
  if ("auditEvent" in client) {
    await client.auditEvent.create({
      data: {
        actorId: event.actorId ?? null,
        actorEmail: event.actorEmail ?? null,
        action: event.action,
        subject: event.subject ?? null,
        details: (event.details ?? undefined) as Prisma.InputJsonValue | undefined,
        address: event.address ?? null,
      },
    });
    return;
  }
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
