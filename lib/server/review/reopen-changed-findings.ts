import "server-only";
import type pg from "pg";
import type { FlagKind } from "../../core/model/finding";
import type { ReviewStatus } from "../../core/flight-record";
import { findingSignature } from "../../core/review/finding-signature";
import { recordAuditEvent } from "../audit/record-audit-event";
import { bumpPublicationVersion } from "../public/bump-publication-version";

export interface DecidedFinding {
  icao24: string;
  id: string;
  status: ReviewStatus;
  published: boolean;
  signature: string;
}

/**
 * Before re-detection rewrites the flags of these aircraft: the findings an analyst decided on
 * (confirmed or dismissed) or published, with the flags the decision was made on.
 */
export async function loadDecidedFindings(client: pg.PoolClient, icao24s: string[]): Promise<DecidedFinding[]> {
  const { rows } = await client.query<{ icao24: string; id: string; status: ReviewStatus; published: boolean; flags: { kind: FlagKind; evidence: Record<string, unknown> }[] }>(
    `SELECT r.icao24, r.flight_id::text AS id, r.status, r.published,
            coalesce((SELECT jsonb_agg(jsonb_build_object('kind', g.kind, 'evidence', g.evidence)) FROM flags g
                       WHERE g.icao24 = r.icao24 AND g.flight_id = r.flight_id), '[]'::jsonb) AS flags
       FROM reviews r
      WHERE r.icao24 = ANY($1::char(6)[]) AND (r.status IN ('CONFIRMED', 'DISMISSED') OR r.published)`,
    [icao24s],
  );
  return rows.map((r) => ({ icao24: r.icao24.trim(), id: r.id, status: r.status, published: r.published, signature: findingSignature(r.flags) }));
}

/**
 * After re-detection, inside its transaction: a decided finding whose flags changed (or whose
 * flight was not found again) goes back to IN_REVIEW and off the public pages, so no decision
 * or publication stands behind flags nobody has looked at. Recorded in the flight's audit trail.
 * When any of them was published, the publication version goes up in the same transaction: the
 * public pages (cached per version, in another process) drop it, or show its re-detected flight.
 */
export async function reopenChangedFindings(
  client: pg.PoolClient,
  decided: DecidedFinding[],
  signatureNow: (icao24: string, id: string) => string | null,
): Promise<number> {
  if (decided.some((f) => f.published)) await bumpPublicationVersion(client);
  let reopened = 0;
  for (const finding of decided) {
    const now = signatureNow(finding.icao24, finding.id);
    if (now === finding.signature) continue;
    const reason =
      now === null
        ? "the flight was not found again at re-detection"
        : `its flags changed at re-detection: ${finding.signature || "none"} → ${now || "none"}`;
    await client.query(
      `UPDATE reviews SET status = 'IN_REVIEW', published = false, published_at = NULL, updated_at = now(), version = version + 1
        WHERE icao24 = $1 AND flight_id = $2`,
      [finding.icao24, finding.id],
    );
    const subject = `flight:${finding.icao24}-${finding.id}`;
    if (finding.published) await recordAuditEvent({ action: "unpublished", actorEmail: "re-detection", subject, details: { reason } }, client);
    if (finding.status !== "IN_REVIEW") {
      await recordAuditEvent({ action: "review-status", actorEmail: "re-detection", subject, details: { from: finding.status, to: "IN_REVIEW", reason } }, client);
    }
    reopened += 1;
  }
  return reopened;
}
