import "server-only";
import type { ZoneRef } from "../../core/model/zone-ref";
import type { AuditRecord, FlightRecord, NoteRecord, ReviewRecord, TrackPositionRecord } from "../../core/flight-record";
import { parseFlightKey } from "../../core/flight-record";
import type { CurrentUser } from "../auth/current-user";
import { REVIEW_ROLES } from "../auth/require-role";
import { dbPool } from "../db/pool";
import { loadMapZones } from "../reference/load-map-zones";
import { loadFlightRecords } from "./load-flight-records";
import { loadTrackPositions } from "./load-track-positions";
import { loadFlightPageTrack, type FlightPageTrack } from "./load-flight-page-track";
import { flightSubject } from "../review/with-review";
import { flightsOpenTo } from "./flights-open-to";

export interface FlightView {
  flight: FlightRecord;
  /** Every stored position, for the exports (`detail: "export"`); empty otherwise. */
  positions: TrackPositionRecord[];
  /** The page's thinned track (`detail: "page"`); null otherwise. */
  page: FlightPageTrack | null;
  review: ReviewRecord | null;
  /** The review row's version for an analyst's forms (0 without a row, or for other viewers). */
  reviewVersion: number;
  /** True when the viewer is an analyst: notes, the audit trail and the review controls. */
  analyst: boolean;
  /**
   * False when a researcher opens an unpublished flight built from their own upload: they see
   * the track, never the findings (no flags; gaps shown as gaps, not graded).
   */
  findingsVisible: boolean;
  notes: NoteRecord[];
  audit: AuditRecord[];
  analysts: { id: number; email: string }[];
  watchedZones: ZoneRef[];
}

/**
 * One flight as this viewer may see it, or null (→ 404) when there is no such flight or the
 * viewer may not see it: readers and admins see a flight only once an analyst has published it,
 * so an unpublished finding cannot even be confirmed to exist. A researcher also sees the
 * flights their own uploads produced, without the findings.
 */
export async function getFlightView(key: string, viewer: CurrentUser | null, detail: "export" | "page" | "summary" = "export"): Promise<FlightView | null> {
  const ref = parseFlightKey(key);
  if (!ref) return null;
  const analyst = viewer !== null && REVIEW_ROLES.includes(viewer.role);
  const pool = dbPool();
  const [reviewRows, [loaded]] = await Promise.all([
    pool.query<{ status: ReviewRecord["status"]; published: boolean; published_ms: number | null; assignee_email: string | null; version: number }>({
      name: "flight-view-review",
      text: `SELECT r.status, r.published, (extract(epoch FROM r.published_at) * 1000)::float8 AS published_ms, u.email AS assignee_email, r.version
         FROM reviews r LEFT JOIN users u ON u.id = r.assignee_id WHERE r.icao24 = $1 AND r.flight_id = $2`,
      values: [ref.icao24, ref.id],
    }),
    loadFlightRecords([ref]),
  ]);
  const reviewRow = reviewRows.rows[0];
  const published = reviewRow?.published === true;
  if (!loaded) return null;
  const findingsVisible = analyst || published;
  // Not published here: a viewer other than an analyst opens it only if their uploads made it.
  if (!findingsVisible && !(viewer && (await flightsOpenTo(viewer, [ref])).size > 0)) return null;
  const flight = findingsVisible
    ? loaded
    : { ...loaded, score: 0, flags: [], gaps: loaded.gaps.map((g) => ({ ...g, suspected: false, confidence: 0, witnessCount: 0 })) };
  const review: ReviewRecord | null = reviewRow && findingsVisible
    ? {
        status: reviewRow.status,
        // Readers are not told who reviewed a finding, only that it was published and when.
        assigneeEmail: analyst ? reviewRow.assignee_email : null,
        published: reviewRow.published,
        publishedAtMs: reviewRow.published_ms,
      }
    : null;
  const [positions, page, watchedZones, notes, audit, analysts] = await Promise.all([
    detail === "export" ? loadTrackPositions(ref.icao24, flight.firstSeenMs, flight.lastSeenMs) : Promise.resolve([]),
    detail === "page" ? loadFlightPageTrack(flight) : Promise.resolve(null),
    loadMapZones("watched"),
    analyst ? loadNotes(ref) : Promise.resolve([]),
    analyst ? loadAuditTrail(ref) : Promise.resolve([]),
    analyst ? loadAnalysts() : Promise.resolve([]),
  ]);
  const reviewVersion = analyst ? (reviewRow?.version ?? 0) : 0;
  return { flight, positions, page, review, reviewVersion, analyst, findingsVisible, notes, audit, analysts, watchedZones };
}

async function loadNotes(ref: { icao24: string; id: string }): Promise<NoteRecord[]> {
  const { rows } = await dbPool().query<{ id: string; email: string | null; body: string; ms: number }>(
    `SELECT n.id::text, u.email, n.body, (extract(epoch FROM n.created_at) * 1000)::float8 AS ms
       FROM notes n LEFT JOIN users u ON u.id = n.author_id
      WHERE n.icao24 = $1 AND n.flight_id = $2 ORDER BY n.created_at, n.id`,
    [ref.icao24, ref.id],
  );
  return rows.map((r) => ({ id: r.id, authorEmail: r.email, body: r.body, createdAtMs: r.ms }));
}

export async function loadAuditTrail(ref: { icao24: string; id: string }): Promise<AuditRecord[]> {
  const { rows } = await dbPool().query<{ ms: number; actor_email: string | null; action: string; details: Record<string, unknown> | null }>(
    `SELECT (extract(epoch FROM at) * 1000)::float8 AS ms, actor_email, action, details
       FROM audit_events WHERE subject = $1 ORDER BY at, id`,
    [flightSubject(ref)],
  );
  return rows.map((r) => ({ atMs: r.ms, actorEmail: r.actor_email, action: r.action, details: r.details }));
}

async function loadAnalysts(): Promise<{ id: number; email: string }[]> {
  const { rows } = await dbPool().query<{ id: number; email: string }>(`SELECT id, email FROM users WHERE role = 'ANALYST' AND NOT disabled ORDER BY email`);
  return rows;
}
