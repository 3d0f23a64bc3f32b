import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { dbPool } from "../db/pool";
import type { FlightRef } from "../flights/load-flight-records";
import { addReviewNote } from "../review/add-review-note";
import { changeReviewStatus } from "../review/change-review-status";
import { setFindingPublished } from "../review/set-finding-published";

/**
 * A review history for the demo, made through the real workflow (so the audit trail is real):
 * the strongest finding of each story is confirmed and published, so a first visit shows
 * populated public pages; a few more are in review or dismissed, with notes, for the queue.
 */
export async function seedDemoReviews(analyst: CurrentUser): Promise<{ published: number; inReview: number; dismissed: number }> {
  const pick = async (where: string, limit: number, exclude: FlightRef[]): Promise<FlightRef[]> => {
    const { rows } = await dbPool().query<{ icao24: string; id: string }>(
      `SELECT f.icao24, f.id::text FROM flights f
        WHERE ${where}
          AND NOT (f.icao24::text || '-' || f.id::text = ANY($1::text[]))
        ORDER BY f.score DESC, f.first_seen, f.icao24, f.id LIMIT $2`,
      [exclude.map((r) => `${r.icao24}-${r.id}`), limit],
    );
    return rows.map((r) => ({ icao24: r.icao24.trim(), id: r.id }));
  };
  const has = (kind: string) => `EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id AND g.kind = '${kind}')`;
  const suspectedGap = `EXISTS (SELECT 1 FROM gap_events e WHERE e.icao24 = f.icao24 AND e.flight_id = f.id AND e.suspected)`;

  const chosen: FlightRef[] = [];
  const switchOffs = await pick(`${has("CUBA_VENEZUELA")} AND ${suspectedGap}`, 2, chosen);
  chosen.push(...switchOffs);
  const detours = await pick(has("ZONE_AVOIDANCE"), 1, chosen);
  chosen.push(...detours);
  const unscheduled = await pick(`${has("CUBA_VENEZUELA")} AND ${has("UNSCHEDULED")}`, 1, chosen);
  chosen.push(...unscheduled);
  // A scheduled Cuba–Venezuela service too: the public chart compares scheduled and unscheduled.
  const scheduled = await pick(`${has("CUBA_VENEZUELA")} AND NOT ${has("UNSCHEDULED")}`, 1, chosen);
  chosen.push(...scheduled);
  const publish: [FlightRef, string][] = [
    ...switchOffs.map((r): [FlightRef, string] => [r, "ADS-B lost over the Caribbean Sea while other aircraft along the path kept being received; positions resume near the Venezuelan coast. Matches the article's account."]),
    ...detours.map((r): [FlightRef, string] => [r, "Routed west of the Curaçao FIR instead of the direct track; the detour adds distance and avoids the identification zone."]),
    ...unscheduled.map((r): [FlightRef, string] => [r, "No published service matches this callsign, route and day; operator checked against the schedule file."]),
    ...scheduled.map((r): [FlightRef, string] => [r, "A published scheduled service on this route: confirmed as a Cuba–Venezuela flight by a watched type, nothing irregular."]),
  ];
  for (const [ref, note] of publish) {
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await addReviewNote(analyst, ref, note);
    await changeReviewStatus(analyst, ref, "CONFIRMED");
    await setFindingPublished(analyst, ref, true);
  }
  const inReview = await pick(`(${has("TYPE_OF_INTEREST")} OR ${has("TRANSPONDER_GAP")})`, 2, chosen);
  chosen.push(...inReview);
  for (const ref of inReview) {
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await addReviewNote(analyst, ref, "Checking the registration against the operator's fleet list before deciding.");
  }
  const dismissed = await pick(has("TRANSPONDER_GAP"), 1, chosen);
  for (const ref of dismissed) {
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await addReviewNote(analyst, ref, "Gap over open water far from any receiver: coverage, not a switch-off. Dismissed.");
    await changeReviewStatus(analyst, ref, "DISMISSED");
  }
  return { published: publish.length, inReview: inReview.length, dismissed: dismissed.length };
}
