"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseFlightKey, REVIEW_STATUSES } from "@/lib/core/flight-record";
import { statusLabel } from "@/lib/core/review/review-transitions";
import { actionState, type ActionState } from "@/lib/server/actions/action-state";
import { AppError } from "@/lib/server/app-error";
import { REVIEW_ROLES, requireActionRole } from "@/lib/server/auth/require-page-role";
import { addReviewNote } from "@/lib/server/review/add-review-note";
import { assignReview } from "@/lib/server/review/assign-review";
import { changeReviewStatus } from "@/lib/server/review/change-review-status";
import { setFindingPublished } from "@/lib/server/review/set-finding-published";
import { MAX_INT_ID } from "@/lib/core/format/user-input";
import { parseSeenVersion, type SeenReview } from "@/lib/core/review/seen-review";

function flightRef(form: FormData) {
  const ref = parseFlightKey(String(form.get("flight") ?? ""));
  if (!ref) throw new AppError("BAD_REQUEST", "unknown flight");
  return ref;
}

/**
 * What the page showed of the review (hidden inputs `seen` and `seenVersion`): a change made
 * meanwhile by someone else is not undone. A form from before the version existed sends none.
 */
function seenReview(form: FormData): SeenReview {
  const status = z.enum(REVIEW_STATUSES).optional().safeParse(form.get("seen") ?? undefined);
  if (!status.success) throw new AppError("BAD_REQUEST", "unknown status");
  const version = parseSeenVersion(form.get("seenVersion"));
  if (version === null) throw new AppError("BAD_REQUEST", "the page's review version is not valid: reload the page");
  return { status: status.data, version };
}

/** After a change: the flight page, the queue and the public pages that may show it. */
function refresh(key: string) {
  revalidatePath(`/flights/${key}`);
  revalidatePath("/review");
  revalidatePath("/");
}

export async function changeStatusAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionRole(REVIEW_ROLES);
  return actionState(async () => {
    const ref = flightRef(form);
    const to = z.enum(REVIEW_STATUSES).safeParse(form.get("status"));
    if (!to.success) throw new AppError("BAD_REQUEST", "unknown status");
    const review = await changeReviewStatus(actor, ref, to.data, seenReview(form));
    refresh(`${ref.icao24}-${ref.id}`);
    return { message: `Now ${statusLabel(to.data)}.`, review };
  });
}

export async function assignAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionRole(REVIEW_ROLES);
  return actionState(async () => {
    const ref = flightRef(form);
    const raw = String(form.get("assignee") ?? "");
    const assignee = raw === "" ? null : z.coerce.number().int().positive().max(MAX_INT_ID).safeParse(raw);
    if (assignee !== null && !assignee.success) throw new AppError("BAD_REQUEST", "unknown analyst");
    const review = await assignReview(actor, ref, assignee === null ? null : assignee.data, seenReview(form));
    refresh(`${ref.icao24}-${ref.id}`);
    return { message: assignee === null ? "Unassigned." : "Assigned.", review };
  });
}

export async function addNoteAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionRole(REVIEW_ROLES);
  return actionState(async () => {
    const ref = flightRef(form);
    await addReviewNote(actor, ref, String(form.get("body") ?? ""));
    refresh(`${ref.icao24}-${ref.id}`);
    return "Note added.";
  }, { data: form, fields: ["body"] });
}

export async function publishAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionRole(REVIEW_ROLES);
  return actionState(async () => {
    const ref = flightRef(form);
    const publish = form.get("publish") === "true";
    const review = await setFindingPublished(actor, ref, publish, seenReview(form));
    refresh(`${ref.icao24}-${ref.id}`);
    return { message: publish ? "Published: readers now see this finding." : "Unpublished: readers no longer see this finding.", review };
  });
}
