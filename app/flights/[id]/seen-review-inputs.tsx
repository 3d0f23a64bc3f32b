"use client";

import { useGroupReview } from "../../_components/action-group";

/**
 * The hidden `seen` and `seenVersion` of a review form: what the page showed, or what the page's
 * own last change left when that is newer (answered before the page itself is rendered again).
 */
export function SeenReviewInputs({ status, version }: { status: string; version: number }) {
  const changed = useGroupReview();
  const now = changed && changed.version > version ? changed : { status, version };
  return (
    <>
      <input type="hidden" name="seen" value={now.status} />
      <input type="hidden" name="seenVersion" value={now.version} />
    </>
  );
}
