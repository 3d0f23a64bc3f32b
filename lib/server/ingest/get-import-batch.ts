import "server-only";
import type { FieldWarningReport } from "../../ingest/field-warning-tally";
import type { RejectionReport } from "../../ingest/rejection-tally";
import type { CurrentUser } from "../auth/current-user";
import { REVIEW_ROLES } from "../auth/require-role";
import { dbPool } from "../db/pool";
import type { FlightSummary } from "../flights/list-flights";
import { countFlights, listFlights } from "../flights/list-flights";
import { flightsOpenTo } from "../flights/flights-open-to";
import { listImportBatches, type ImportBatchRow } from "./list-import-batches";
import { isBigintIdText } from "../../core/format/user-input";

/** Flights an import's page lists at most (a month's file touches ~15,000). */
export const BATCH_PAGE_FLIGHTS = 500;

export interface ImportBatchDetail extends ImportBatchRow {
  rejections: RejectionReport | null;
  /** Values dropped or adjusted in kept rows; null for batches imported before they were counted. */
  fieldWarnings: FieldWarningReport | null;
  /**
   * The flights of the aircraft this batch touched, within its time span: the first
   * {@link BATCH_PAGE_FLIGHTS}; `opens` when this viewer may open the flight's page (an analyst
   * always; anyone else a published finding, or a flight built from their own uploads alone).
   */
  flights: (FlightSummary & { opens: boolean })[];
  /** How many there are in all. */
  flightCount: number;
  /** False for researchers: the flights come without their flags. */
  findingsVisible: boolean;
}

/**
 * A batch with its report and the flights it touched. Flags are unpublished findings: only
 * analysts get them; a researcher (or an admin) sees the flights alone.
 */
export async function getImportBatch(batchId: string, viewer: CurrentUser): Promise<ImportBatchDetail | null> {
  if (!isBigintIdText(batchId)) return null;
  const maySeeFindings = REVIEW_ROLES.includes(viewer.role);
  // Raw imports are for analysts; everyone else sees their own uploads only.
  const [row] = await listImportBatches({ id: batchId, limit: 1, uploadedById: maySeeFindings ? undefined : viewer.id });
  if (!row) return null;
  const { rows } = await dbPool().query<{ report: { rejections?: RejectionReport; fieldWarnings?: FieldWarningReport } | null }>(`SELECT report FROM import_batches WHERE id = $1`, [batchId]);
  const aircraft = await dbPool().query<{ icao24: string }>(`SELECT DISTINCT icao24 FROM positions WHERE batch_id = $1`, [batchId]);
  const touched = aircraft.rows.map((r) => r.icao24.trim());
  // Researchers get them in time order: the score order alone would tell which are flagged.
  const filter =
    touched.length > 0 && row.firstTime && row.lastTime
      ? ({ since: new Date(row.firstTime), until: new Date(row.lastTime), icao24s: touched, order: maySeeFindings ? "score" : "time" } as const)
      : null;
  const flights = filter ? await listFlights(filter, BATCH_PAGE_FLIGHTS) : [];
  const flightCount = filter && flights.length === BATCH_PAGE_FLIGHTS ? await countFlights(filter) : flights.length;
  return {
    ...row,
    rejections: rows[0]?.report?.rejections ?? null,
    fieldWarnings: rows[0]?.report?.fieldWarnings ?? null,
    flights: maySeeFindings ? flights.map((f) => ({ ...f, opens: true })) : await withoutFindings(flights, viewer),
    flightCount,
    findingsVisible: maySeeFindings,
  };
}

/**
 * A researcher's (or an admin's) list: no flags, and a link only where the flight page will open
 * for them. A flight that does not open keeps only what their upload and the registry tell: its
 * callsign and route come from others' positions too (one planted position must not reveal them).
 */
async function withoutFindings(flights: FlightSummary[], viewer: CurrentUser): Promise<(FlightSummary & { opens: boolean })[]> {
  const open = await flightsOpenTo(viewer, flights);
  const othersMade = { callsign: null, origin: null, destination: null, originCountry: null, destinationCountry: null };
  return flights.map((f) => {
    const opens = open.has(`${f.icao24}-${f.id}`);
    return { ...f, ...(opens ? {} : othersMade), score: 0, flags: [], opens };
  });
}
