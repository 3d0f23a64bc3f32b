import Link from "next/link";
import { formatCount } from "@/lib/core/format/format-count";

/** An import's report (ImportOutcome as JSON): on the upload page and the batch page. */

export interface RejectedRow {
  line: number;
  column: string | null;
  reason: string;
  value?: string;
}

export interface Outcome {
  status: "imported" | "already-imported" | "refused";
  batchId?: string;
  /** Already imported from another account: which batch is not this uploader's to open. */
  byAnotherAccount?: boolean;
  reason?: string;
  format?: string | null;
  accepted?: number;
  duplicates?: number;
  aircraft?: string[];
  firstTime?: string | null;
  lastTime?: string | null;
  rejections?: { rejected: number; reasons: { reason: string; count: number }[]; rows: RejectedRow[] };
  fieldWarnings?: FieldWarnings;
}

/** Values dropped to null (or adjusted to fit their column) in rows that were kept. */
export interface FieldWarnings {
  dropped: number;
  adjusted: number;
  reasons: { reason: string; count: number }[];
  rows: RejectedRow[];
}

const n = formatCount;

export function OutcomeReport({ outcome }: { outcome: Outcome }) {
  if (outcome.status === "already-imported") {
    if (outcome.byAnotherAccount || !outcome.batchId) {
      return <p data-testid="upload-report">Already imported, from another account; nothing written.</p>;
    }
    return (
      <p data-testid="upload-report">
        Already imported as <Link href={`/imports/${outcome.batchId}`}>batch {outcome.batchId}</Link>; nothing written.
      </p>
    );
  }
  const rejections = outcome.rejections;
  const warnings = outcome.fieldWarnings;
  return (
    <div data-testid="upload-report">
      {outcome.status === "refused" ? (
        <p className="error">Refused, nothing written: {outcome.reason}</p>
      ) : (
        <p>
          <Link href={`/imports/${outcome.batchId}`}>Batch {outcome.batchId}</Link> ({outcome.format}):{" "}
          <strong data-testid="report-accepted">{n(outcome.accepted ?? 0)}</strong> positions accepted, {n(outcome.duplicates ?? 0)} duplicates,{" "}
          <span data-testid="report-rejected">{n(rejections?.rejected ?? 0)} rows rejected</span>,{" "}
          <span data-testid="report-dropped">{n(warnings?.dropped ?? 0)} values dropped</span>
          {warnings && warnings.adjusted > 0 ? `, ${n(warnings.adjusted)} adjusted` : ""}; {n(outcome.aircraft?.length ?? 0)} aircraft, {outcome.firstTime?.slice(0, 16)} →{" "}
          {outcome.lastTime?.slice(0, 16)} UTC. <Link href={`/imports/${outcome.batchId}`}>Flights from this import →</Link>
        </p>
      )}
      {rejections && rejections.rejected > 0 ? <RejectionTable rejections={rejections} /> : null}
      {warnings && warnings.dropped + warnings.adjusted > 0 ? <FieldWarningTable warnings={warnings} /> : null}
    </div>
  );
}

export function RejectionTable({ rejections }: { rejections: NonNullable<Outcome["rejections"]> }) {
  return <IssueTable title={`${n(rejections.rejected)} rejected row(s)`} reasons={rejections.reasons} rows={rejections.rows} open />;
}

export function FieldWarningTable({ warnings }: { warnings: FieldWarnings }) {
  const adjusted = warnings.adjusted > 0 ? `, ${n(warnings.adjusted)} adjusted` : "";
  const title = `${n(warnings.dropped)} value(s) dropped${adjusted}, rows kept`;
  return <IssueTable title={title} reasons={warnings.reasons} rows={warnings.rows} open={false} />;
}

function IssueTable({ title, reasons, rows, open }: { title: string; reasons: FieldWarnings["reasons"]; rows: RejectedRow[]; open: boolean }) {
  return (
    <details open={open}>
      <summary>
        {title}: {reasons.map((r) => `${n(r.count)} × ${r.reason}`).join("; ")}
      </summary>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Reason</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 100).map((row, i) => (
            <tr key={i}>
              <td>{row.line}</td>
              <td>{row.column ?? "—"}</td>
              <td>{row.reason}</td>
              <td>{row.value ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 100 ? <p className="muted">The first 100 are shown; the batch keeps the first 1,000.</p> : null}
    </details>
  );
}
