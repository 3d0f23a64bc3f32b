import "server-only";
import type { FieldWarningReport } from "../../ingest/field-warning-tally";
import type { RejectionReport } from "../../ingest/rejection-tally";
import type { CurrentUser } from "../auth/current-user";
import { REVIEW_ROLES } from "../auth/require-role";
import { dbPool } from "../db/pool";
import type { FlightSummary } from "../flights/list-flights";
import { listFlights } from "../flights/list-flights";
import { listImportBatches, type ImportBatchRow } from "./list-import-batches";

export interface ImportBatchDetail extends ImportBatchRow {
  rejections: RejectionReport | null;
  /** Values dropped or adjusted in kept rows; null for batches imported before they were counted. */
  fieldWarnings: FieldWarningReport | null;
  /** The flights of the aircraft this batch touched, within its time span. */
  flights: FlightSummary[];
  /** False for researchers: the flights come without their flags. */
  findingsVisible: boolean;
}

/**
 * A batch with its report and the flights it touched. Flags are unpublished findings: only
 * analysts get them; a researcher (or an admin) sees the flights alone.
 */
export async function getImportBatch(batchId: string, viewer: CurrentUser): Promise<ImportBatchDetail | null> {
  if (!/^\d+$/.test(batchId)) return null;
  const maySeeFindings = REVIEW_ROLES.includes(viewer.role);
  // Raw imports are for analysts; everyone else sees their own uploads only.
  const [row] = await listImportBatches({ id: batchId, limit: 1, uploadedById: maySeeFindings ? undefined : viewer.id });
  if (!row) return null;
  const { rows } = await dbPool().query<{ report: { rejections?: RejectionReport; fieldWarnings?: FieldWarningReport } | null }>(`SELECT report FROM import_batches WHERE id = $1`, [batchId]);
  const aircraft = await dbPool().query<{ icao24: string }>(`SELECT DISTINCT icao24 FROM positions WHERE batch_id = $1`, [batchId]);
  const touched = new Set(aircraft.rows.map((r) => r.icao24.trim()));
  const flights =
    touched.size === 0 || !row.firstTime || !row.lastTime
      ? []
      : (await listFlights({ since: new Date(row.firstTime), until: new Date(row.lastTime) })).filter((f) => touched.has(f.icao24));
  return {
    ...row,
    rejections: rows[0]?.report?.rejections ?? null,
    fieldWarnings: rows[0]?.report?.fieldWarnings ?? null,
    // For researchers in time order too: the score order alone would tell which are flagged.
    flights: maySeeFindings
      ? flights
      : flights.map((f) => ({ ...f, score: 0, flags: [] })).sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id)),
    findingsVisible: maySeeFindings,
  };
}
