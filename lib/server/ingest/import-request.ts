import type { AltitudeUnit, FormatName, SpeedUnit } from "../../ingest/types";

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  rejected: number;
}

/** What to import and how (see importPositionsFile). */
export interface ImportRequest {
  /** The file on disk (an upload is saved to a temporary file first). */
  path: string;
  /** The name shown to the user and stored with the batch. */
  fileName: string;
  nowMs: number;
  format?: FormatName;
  dataset?: string | null;
  strict?: boolean;
  icao24?: string;
  registration?: string;
  altitudeUnit?: AltitudeUnit;
  speedUnit?: SpeedUnit;
  uploadedById?: number | null;
  onProgress?: (progress: ImportProgress) => void;
  /** Re-parse into this existing batch (reimport after a parser fix). */
  replaceBatchId?: bigint;
}
