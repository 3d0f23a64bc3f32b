"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseFlightKey, REVIEW_STATUSES } from "@/lib/core/flight-record";
import type { FlightRef } from "@/lib/server/flights/load-flight-records";
import { statusLabel } from "@/lib/core/review/review-transitions";
import { parseSeenVersion, type SeenReview } from "@/lib/core/review/seen-review";
import { AppError } from "@/lib/server/app-error";
import { actionState, type ActionState } from "@/lib/server/actions/action-state";
import { REVIEW_ROLES, requireActionRole } from "@/lib/server/auth/require-page-role";
import { changeReviewStatuses } from "@/lib/server/review/change-review-status";

const bulkForm = z.object({
  status: z.enum(REVIEW_STATUSES, { error: "choose the new status" }),
  flights: z.array(z.string()).min(1, "select at least one flight").max(500, "at most 500 flights at once"),
});

/**
 * A ticked row: its flight key, the status the queue showed and its review version
 * ("0b04e2-101:NEW:3"), which must still hold. A queue page from before the version sends none.
 */
function selectedFinding(value: string): { ref: FlightRef; seen: SeenReview } {
  const [key = "", shown, stamp, ...rest] = value.split(":");
  const ref = parseFlightKey(key);
  const status = z.enum(REVIEW_STATUSES).safeParse(shown);
  const version = parseSeenVersion(stamp);
  if (!ref || !status.success || version === null || rest.length > 0) throw new AppError("BAD_REQUEST", `not a flight of the queue: ${value.slice(0, 40)}`);
  return { ref, seen: { status: status.data, version } };
}

/** Bulk status change from the queue: each finding checked on its own, refusals listed. */
export async function bulkStatusAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionRole(REVIEW_ROLES);
  return actionState(async () => {
    const parsed = bulkForm.safeParse({ status: form.get("status"), flights: form.getAll("flight") });
    if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]!.message);
    const result = await changeReviewStatuses(actor, parsed.data.flights.map(selectedFinding), parsed.data.status);
    revalidatePath("/review");
    const refused = result.refused.map((r) => `${r.ref.icao24}-${r.ref.id}: ${r.reason}`);
    return (
      `${result.changed} finding${result.changed === 1 ? "" : "s"} now ${statusLabel(parsed.data.status)}.` +
      (refused.length ? ` Not changed: ${refused.join("; ")}.` : "")
    );
  });
}
