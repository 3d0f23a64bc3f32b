import { formatUtcMinute } from "@/lib/core/format/format-utc";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { flightKey } from "@/lib/core/flight-record";
import { flagLabel } from "@/lib/core/format/flag-label";
import { formatCount } from "@/lib/core/format/format-count";
import { requirePageRole, UPLOAD_ROLES } from "@/lib/server/auth/require-page-role";
import { getImportBatch } from "@/lib/server/ingest/get-import-batch";
import { StatList } from "../../_components/stat-list";
import { FieldWarningTable, RejectionTable } from "../_components/outcome-report";

export const metadata: Metadata = { title: "Import batch" };


export default async function ImportBatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const { batchId } = await params;
  const user = await requirePageRole(UPLOAD_ROLES, `/imports/${batchId}`);
  const batch = await getImportBatch(batchId, user);
  if (!batch) notFound();
  return (
    <>
      <p>
        <Link href="/imports">← Imports</Link>
      </p>
      <h1>
        Batch {batch.id}: {batch.fileName}
      </h1>
      <StatList
        label="Batch figures"
        stats={[
          { label: "Accepted", value: formatCount(batch.accepted) },
          { label: "Duplicates", value: formatCount(batch.duplicates) },
          { label: "Rows rejected", value: formatCount(batch.rejected) },
          { label: "Values dropped", value: formatCount(batch.fieldWarnings?.dropped ?? 0) },
          { label: "Format", value: batch.format, small: true },
        ]}
      />
      {batch.rejections && batch.rejections.rejected > 0 ? (
        <section className="panel">
          <h2>Rejected rows</h2>
          <RejectionTable rejections={batch.rejections} />
        </section>
      ) : null}
      {batch.fieldWarnings && batch.fieldWarnings.dropped + batch.fieldWarnings.adjusted > 0 ? (
        <section className="panel">
          <h2>Values dropped</h2>
          <FieldWarningTable warnings={batch.fieldWarnings} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="flights-title">
        <h2 id="flights-title">Flights from this import</h2>
        {batch.flights.length === 0 ? (
          <p className="empty">No flights: the batch holds no complete flight yet.</p>
        ) : (
          <div className="table-scroll">
            {batch.flightCount > batch.flights.length ? (
              <p data-testid="batch-flights-shown">
                The first {formatCount(batch.flights.length)} of {formatCount(batch.flightCount)} flights
                {batch.findingsVisible ? ", highest score first" : ", earliest first"}.
              </p>
            ) : null}
            <table className="data" data-testid="batch-flights">
              <thead>
                <tr>
                  <th scope="col">Flight</th>
                  <th scope="col">Address</th>
                  <th scope="col">Callsign</th>
                  <th scope="col">Type</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">First seen (UTC)</th>
                  {batch.findingsVisible ? <th scope="col">Flags</th> : null}
                </tr>
              </thead>
              <tbody>
                {batch.flights.map((f) => (
                  <tr key={f.id}>
                    <td>
                      {f.opens ? (
                        <Link href={`/flights/${flightKey(f.icao24, f.id)}`} data-testid="batch-flight-link">
                          Flight {f.id} →
                        </Link>
                      ) : (
                        // Positions from other sources too: its page opens to analysts, and to everyone once published.
                        <span title="Holds positions from other sources: it opens once an analyst publishes it">Flight {f.id} (with others&apos; positions)</span>
                      )}
                    </td>
                    <td>{f.icao24}</td>
                    <td>{f.callsign ?? "—"}</td>
                    <td>{f.typecode ?? "—"}</td>
                    {f.opens ? (
                      <>
                        <td>{f.origin ?? (f.originCountry ? `${f.originCountry} (inferred)` : "unknown")}</td>
                        <td>{f.destination ?? (f.destinationCountry ? `${f.destinationCountry} (inferred)` : "unknown")}</td>
                      </>
                    ) : (
                      // Its callsign and route come from others' positions too: the server leaves them out.
                      <td colSpan={2}>not shown until published</td>
                    )}
                    <td>{formatUtcMinute(Date.parse(f.firstSeen))}</td>
                    {batch.findingsVisible ? <td>{[...new Set(f.flags.map(flagLabel))].join(", ") || "—"}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
