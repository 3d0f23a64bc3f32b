"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { formatCount } from "@/lib/core/format/format-count";

type Phase = "queued" | "uploading" | "importing" | "detecting" | "done" | "failed";

interface RejectedRow {
  line: number;
  column: string | null;
  reason: string;
  value?: string;
}

interface Outcome {
  status: "imported" | "already-imported" | "refused";
  batchId?: string;
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
interface FieldWarnings {
  dropped: number;
  adjusted: number;
  reasons: { reason: string; count: number }[];
  rows: RejectedRow[];
}

interface FileState {
  key: string;
  name: string;
  sizeBytes: number;
  phase: Phase;
  uploadedBytes: number;
  processedBytes: number;
  rows: number;
  outcome: Outcome | null;
  error: string | null;
}

const n = formatCount;
const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0);

function upload(file: File, query: string, onProgress: (bytes: number) => void): Promise<{ jobId: string }> {
  // XMLHttpRequest, not fetch: it reports upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/imports?${query}`);
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      let body: { jobId?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText || "{}") as typeof body;
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status === 202 && body.jobId) resolve({ jobId: body.jobId });
      else reject(new Error(body.error ?? `upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("the upload was interrupted"));
    xhr.send(file);
  });
}

/** Drag-and-drop or pick files; each is uploaded, imported and reported on in turn. */
export function UploadPanel() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<FileState[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [format, setFormat] = useState("");
  const [dataset, setDataset] = useState("");
  const [icao24, setIcao24] = useState("");
  const [registration, setRegistration] = useState("");
  const [strict, setStrict] = useState(false);

  const update = (key: string, change: Partial<FileState>) =>
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...change } : f)));

  async function run(selected: File[]) {
    if (selected.length === 0 || busy) return;
    setBusy(true);
    const states = selected.map((file, i) => ({
      key: `${Date.now()}-${i}-${file.name}`,
      name: file.name,
      sizeBytes: file.size,
      phase: "queued" as Phase,
      uploadedBytes: 0,
      processedBytes: 0,
      rows: 0,
      outcome: null,
      error: null,
    }));
    setFiles((list) => [...states, ...list]);
    const query = new URLSearchParams({ format, dataset, icao24, registration, strict: String(strict) }).toString();
    for (const [i, file] of selected.entries()) {
      const key = states[i]!.key;
      try {
        update(key, { phase: "uploading" });
        const { jobId } = await upload(file, query, (bytes) => update(key, { uploadedBytes: bytes }));
        update(key, { phase: "importing", uploadedBytes: file.size });
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 400));
          const response = await fetch(`/api/imports/jobs/${jobId}`, { cache: "no-store" });
          const job = (await response.json()) as {
            phase: Phase;
            progress: { bytesRead: number; rows: number };
            outcome: Outcome | null;
            error: string | null;
          };
          if (!response.ok) throw new Error(job.error ?? `HTTP ${response.status}`);
          update(key, { phase: job.phase, processedBytes: job.progress.bytesRead, rows: job.progress.rows, outcome: job.outcome, error: job.error });
          if (job.phase === "done" || job.phase === "failed") break;
        }
      } catch (error) {
        update(key, { phase: "failed", error: error instanceof Error ? error.message : String(error) });
      }
    }
    setBusy(false);
    router.refresh();
  }

  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload track files</h2>
      <p className="hint">
        OpenSky state vectors, any CSV with time/address/lat/lon columns, Flightradar24 exports, readsb/tar1090 <code>trace_full</code> JSON,
        SBS-1 BaseStation logs; plain or gzip. The format is detected from the content.
      </p>
      <div
        className={`drop-zone${dragging ? " dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void run([...event.dataTransfer.files]);
        }}
      >
        <p>Drop files here, or</p>
        <button type="button" onClick={() => input.current?.click()} disabled={busy}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".csv,.txt,.json,.gz,.sbs,.tsv"
          aria-label="Files to import"
          className="visually-hidden"
          onChange={(event) => {
            void run([...(event.target.files ?? [])]);
            event.target.value = "";
          }}
        />
      </div>
      <details className="options">
        <summary>Options</summary>
        <div className="option-grid">
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="">detect from content</option>
              <option value="opensky">OpenSky state vectors</option>
              <option value="generic-csv">generic CSV</option>
              <option value="fr24">Flightradar24 export</option>
              <option value="readsb-trace">readsb trace JSON</option>
              <option value="sbs1">SBS-1 BaseStation</option>
            </select>
          </label>
          <label>
            Dataset name
            <input value={dataset} onChange={(e) => setDataset(e.target.value)} placeholder="optional" />
          </label>
          <label>
            Aircraft address (Flightradar24)
            <input value={icao24} onChange={(e) => setIcao24(e.target.value)} placeholder="e.g. 0b04e2" />
          </label>
          <label>
            or registration
            <input value={registration} onChange={(e) => setRegistration(e.target.value)} placeholder="e.g. CU-T1250" />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} />
            Strict: refuse a file with any invalid row
          </label>
        </div>
      </details>
      {files.length > 0 ? (
        <ol className="upload-list" aria-label="Uploads">
          {files.map((f) => (
            <li key={f.key} className="upload-item" data-testid="upload-item">
              <div className="upload-head">
                <strong>{f.name}</strong> <span className="muted">{n(Math.round(f.sizeBytes / 1024))} KB</span>{" "}
                <span className={`phase phase-${f.phase}`} data-testid="upload-phase">
                  {f.phase}
                </span>
              </div>
              {f.phase === "uploading" ? (
                <progress max={100} value={percent(f.uploadedBytes, f.sizeBytes)} aria-label={`Uploading ${f.name}`} />
              ) : null}
              {f.phase === "importing" || f.phase === "detecting" ? (
                <p className="muted">
                  <progress max={100} value={percent(f.processedBytes, f.sizeBytes)} aria-label={`Importing ${f.name}`} /> {n(f.rows)} rows
                  {f.phase === "detecting" ? " · detecting flights" : ""}
                </p>
              ) : null}
              {f.error ? <p className="error" role="alert">{f.error}</p> : null}
              {f.outcome ? <OutcomeReport outcome={f.outcome} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function OutcomeReport({ outcome }: { outcome: Outcome }) {
  if (outcome.status === "already-imported") {
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
