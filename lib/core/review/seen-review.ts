import type { ReviewStatus } from "../flight-record";
import { MAX_INT_ID } from "../format/user-input";
import { statusLabel } from "./review-transitions";

/**
 * What an analyst's page showed of a finding's review: its status and its row's version (the
 * stamp `reviews.version`, 0 while the finding has no review row). Either may be missing: a page
 * rendered before the stamp existed sends the status alone, and a form may send neither.
 */
export interface SeenReview {
  status?: ReviewStatus;
  version?: number;
}

/** A review as its page shows it right after a change: what that page's next change sends as `seen`. */
export type SeenReviewNow = Required<SeenReview>;

/**
 * Why a change from a page that showed `seen` is refused now that the review is `now`, or null.
 * The version catches what the status cannot: a finding moved away and back (NEW → IN_REVIEW →
 * NEW, a colleague's reopen and confirm) or reassigned shows the same status to an old page.
 * @example refuseStaleChange({ status: "NEW", version: 2 }, { status: "NEW", version: 0 })
 *   // → "changed since your page was loaded: it is now new; reload to see who changed it"
 */
export function refuseStaleChange(now: { status: ReviewStatus; version: number }, seen: SeenReview | undefined): string | null {
  const moved = (seen?.status !== undefined && seen.status !== now.status) || (seen?.version !== undefined && seen.version !== now.version);
  return moved ? `changed since your page was loaded: it is now ${statusLabel(now.status)}; reload to see who changed it` : null;
}

/**
 * A version as a form sends it: undefined when the form has none (an old page), null when it is
 * not a stamp (the caller's clear error), else the number.
 */
export function parseSeenVersion(raw: unknown): number | undefined | null {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string" || !/^\d{1,10}$/.test(raw)) return null;
  const version = Number(raw);
  return version <= MAX_INT_ID ? version : null;
}
