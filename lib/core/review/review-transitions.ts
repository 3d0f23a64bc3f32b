import type { ReviewStatus } from "../flight-record";

/**
 * The review workflow: NEW → IN_REVIEW → CONFIRMED or DISMISSED. A decided finding can be
 * reopened (back to IN_REVIEW); a new one can be dismissed straight away (an obvious false
 * positive). Only a confirmed finding can be published, and a published one must be unpublished
 * before its status changes, so readers never see a finding nobody stands behind.
 */
const ALLOWED: Record<ReviewStatus, readonly ReviewStatus[]> = {
  NEW: ["IN_REVIEW", "DISMISSED"],
  IN_REVIEW: ["CONFIRMED", "DISMISSED", "NEW"],
  CONFIRMED: ["IN_REVIEW"],
  DISMISSED: ["IN_REVIEW"],
};

export function allowedNextStatuses(from: ReviewStatus, published: boolean): readonly ReviewStatus[] {
  return published ? [] : ALLOWED[from];
}

/** Why a status change is refused, or null when it is allowed. */
export function refuseTransition(from: ReviewStatus, to: ReviewStatus, published: boolean): string | null {
  if (from === to) return `the finding is already ${statusLabel(to)}`;
  if (published) return "unpublish the finding before changing its status";
  if (!ALLOWED[from].includes(to)) return `a finding that is ${statusLabel(from)} cannot become ${statusLabel(to)}`;
  return null;
}

/** Why publishing (or unpublishing) is refused, or null. */
export function refusePublication(status: ReviewStatus, published: boolean, publish: boolean): string | null {
  if (publish && published) return "the finding is already published";
  if (!publish && !published) return "the finding is not published";
  if (publish && status !== "CONFIRMED") return "only a confirmed finding can be published";
  return null;
}

const STATUS_LABELS: Record<ReviewStatus, string> = { NEW: "new", IN_REVIEW: "in review", CONFIRMED: "confirmed", DISMISSED: "dismissed" };

/** A status in words; an unknown value (an old audit entry) is shown as it is. */
export function statusLabel(status: ReviewStatus | string): string {
  return STATUS_LABELS[status as ReviewStatus] ?? String(status).toLowerCase();
}
