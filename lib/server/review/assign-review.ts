import "server-only";
import { AppError } from "../app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { CurrentUser } from "../auth/current-user";
import type { FlightRef } from "../flights/load-flight-records";
import { flightSubject, withReview } from "./with-review";

/** Assign a finding to an analyst (an active analyst account), or unassign it with null. */
export async function assignReview(actor: CurrentUser, ref: FlightRef, assigneeId: number | null): Promise<void> {
  await withReview(actor, ref, async (client, state) => {
    let assigneeEmail: string | null = null;
    if (assigneeId !== null) {
      const { rows } = await client.query<{ email: string }>(
        `SELECT email FROM users WHERE id = $1 AND role = 'ANALYST' AND NOT disabled`,
        [assigneeId],
      );
      if (!rows[0]) throw new AppError("BAD_REQUEST", "findings can only be assigned to an active analyst");
      assigneeEmail = rows[0].email;
    }
    if (state.assigneeId === assigneeId) return;
    await client.query(`UPDATE reviews SET assignee_id = $3, updated_at = now() WHERE icao24 = $1 AND flight_id = $2`, [ref.icao24, ref.id, assigneeId]);
    await recordAuditEvent(
      { action: "review-assigned", actorId: actor.id, actorEmail: actor.email, subject: flightSubject(ref), details: { assignee: assigneeEmail } },
      client,
    );
  });
}
