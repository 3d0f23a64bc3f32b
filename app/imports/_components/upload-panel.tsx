"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { formatCount } from "@/lib/core/format/format-count";
import type { FieldErrors } from "@/lib/core/forms/form-errors";
import { OutcomeReport, type Outcome } from "./outcome-report";
import { NO_OPTIONS, UploadOptions, type UploadOptionValues } from "./upload-options";

type Phase = "queued" | "uploading" | "importing" | "detecting" | "retrying" | "done" | "failed";

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
  /** Attempts the worker made so far, and how many it may make in all. */
  attempts: number;
  maxAttempts: number;
}

interface JobView {
  phase: Phase;
  progress: { bytesRead: number; rows: number };
  outcome: Outcome | null;
  error: string | null;
  attempts: number;
  maxAttempts: number;
}

/** Polls that may fail in a row (the server restarting) before the page stops following a job. */
const MAX_POLL_FAILURES = 150;

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
      let body: { jobId?: string; error?: string; fields?: FieldErrors } = {};
      try {
        body = JSON.parse(xhr.responseText || "{}") as typeof body;
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status === 202 && body.jobId) resolve({ jobId: body.jobId });
      else reject(new UploadRefused(body.error ?? `upload failed (HTTP ${xhr.status})`, body.fields ?? {}));
    };
    xhr.onerror = () => reject(new Error("the upload was interrupted"));
    xhr.send(file);
  });
}

/** The job's state; throws on a refusal (4xx), returns null while the server does not answer. */
async function pollJob(jobId: string): Promise<JobView | null> {
  let response: Response;
  try {
    response = await fetch(`/api/imports/jobs/${jobId}`, { cache: "no-store" });
  } catch {
    throw new Error("the server does not answer");
  }
  if (response.status >= 500) throw new Error(`the server answered HTTP ${response.status}`);
  const body = (await response.json().catch(() => ({}))) as Partial<JobView> & { error?: string };
  if (!response.ok) throw new FatalPollError(body.error ?? `HTTP ${response.status}`);
  return body as JobView;
}

class FatalPollError extends Error {}

/** An upload the server refused; `fields` names the options it refused (`icao24`, `dataset`, …). */
class UploadRefused extends Error {
  constructor(
    message: string,
    readonly fields: FieldErrors,
  ) {
    super(message);
  }
}

/** Drag-and-drop or pick files; each is uploaded, imported and reported on in turn. */
export function UploadPanel() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<FileState[]>([]);
  const [dragging, setDragging] = useState(false);
  // Files wait their turn here: a drop or a pick while others upload joins the line, never lost.
  const waiting = useRef<{ file: File; key: string; query: string }[]>([]);
  const working = useRef(false);
  const [announcement, setAnnouncement] = useState("");
  const [options, setOptions] = useState<UploadOptionValues>(NO_OPTIONS);
  // The options the server refused, each shown beside its field until the next files are chosen.
  const [refusedOptions, setRefusedOptions] = useState<{ fields: FieldErrors } | null>(null);

  const update = (key: string, change: Partial<FileState>) =>
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...change } : f)));

  function run(selected: File[]) {
    if (selected.length === 0) return;
    setRefusedOptions(null);
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
      attempts: 0,
      maxAttempts: 0,
    }));
    setFiles((list) => [...states, ...list]);
    // The options as they are when the files are chosen.
    const query = new URLSearchParams({ ...options, strict: String(options.strict) }).toString();
    waiting.current.push(...selected.map((file, i) => ({ file, key: states[i]!.key, query })));
    if (!working.current) void work();
  }

  async function work() {
    working.current = true;
    for (let next = waiting.current.shift(); next; next = waiting.current.shift()) await uploadOne(next.file, next.key, next.query);
    working.current = false;
    router.refresh();
  }

  async function uploadOne(file: File, key: string, query: string) {
    try {
      update(key, { phase: "uploading" });
      const { jobId } = await upload(file, query, (bytes) => update(key, { uploadedBytes: bytes }));
      // Queued until the worker takes it: the job's own phases follow in order.
      update(key, { phase: "queued", uploadedBytes: file.size });
      // The job runs in the worker and is kept in the database: the page follows it through a
      // web server restart, and shows retries and the last error.
      for (let failures = 0; ; ) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        const job = await pollJob(jobId).catch((error: unknown) => {
          if (error instanceof FatalPollError || ++failures >= MAX_POLL_FAILURES) throw error;
          return null;
        });
        if (!job) continue;
        failures = 0;
        update(key, {
          phase: job.phase,
          processedBytes: job.progress.bytesRead,
          rows: job.progress.rows,
          outcome: job.outcome,
          error: job.error,
          attempts: job.attempts,
          maxAttempts: job.maxAttempts,
        });
        if (job.phase === "done" || job.phase === "failed") {
          setAnnouncement(`${file.name}: ${phaseLabel(job.phase, job.outcome)}`);
          break;
        }
      }
    } catch (error) {
      if (error instanceof UploadRefused && Object.keys(error.fields).length > 0) setRefusedOptions({ fields: error.fields });
      update(key, { phase: "failed", error: error instanceof Error ? error.message : String(error) });
      setAnnouncement(`${file.name}: failed`);
    }
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
          run([...event.dataTransfer.files]);
        }}
      >
        <p>Drop files here, or</p>
        <button type="button" onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".csv,.txt,.json,.gz,.sbs,.tsv"
          aria-label="Files to import"
          className="visually-hidden"
          tabIndex={-1}
          onChange={(event) => {
            run([...(event.target.files ?? [])]);
            event.target.value = "";
          }}
        />
      </div>
      <UploadOptions values={options} onChange={(change) => setOptions((current) => ({ ...current, ...change }))} refused={refusedOptions} />
      <p role="status" className="visually-hidden" data-testid="upload-announcement">
        {announcement}
      </p>
      {files.length > 0 ? (
        <ol className="upload-list" aria-label="Uploads">
          {files.map((f) => (
            <li key={f.key} className="upload-item" data-testid="upload-item">
              <div className="upload-head">
                <strong>{f.name}</strong> <span className="muted">{n(Math.round(f.sizeBytes / 1024))} KB</span>{" "}
                <span className={`phase phase-${f.outcome?.status === "refused" ? "failed" : f.phase}`} data-testid="upload-phase">
                  {phaseLabel(f.phase, f.outcome)}
                </span>
              </div>
              {f.phase === "uploading" ? (
                <progress max={100} value={percent(f.uploadedBytes, f.sizeBytes)} aria-label={`Uploading ${f.name}`} />
              ) : null}
              {f.phase === "importing" || f.phase === "detecting" ? (
                <p className="muted">
                  <progress max={100} value={percent(f.processedBytes, f.sizeBytes)} aria-label={`Importing ${f.name}`} /> {n(f.rows)} rows
                  {f.phase === "detecting" ? " · detecting flights" : ""}
                  {f.attempts > 1 ? ` · attempt ${f.attempts} of ${f.maxAttempts}` : ""}
                </p>
              ) : null}
              {f.phase === "retrying" ? (
                <p className="muted" data-testid="upload-retry">
                  Attempt {f.attempts} of {f.maxAttempts} failed; the server retries it shortly.
                </p>
              ) : null}
              {f.phase === "failed" && f.attempts > 1 ? <p className="muted">Failed after {f.attempts} attempts.</p> : null}
              {f.error ? <p className="error" role="alert">{f.error}</p> : null}
              {f.outcome ? <OutcomeReport outcome={f.outcome} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

/** A finished file whose import refused it is "refused", not "done". */
function phaseLabel(phase: Phase, outcome: Outcome | null): string {
  return phase === "done" && outcome?.status === "refused" ? "refused" : phase;
}
