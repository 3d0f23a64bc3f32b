import { formatUtcMinute } from "@/lib/core/format/format-utc";
import type { Metadata } from "next";
import Link from "next/link";
import { formatCount } from "@/lib/core/format/format-count";
import { REVIEW_ROLES, requirePageRole, UPLOAD_ROLES } from "@/lib/server/auth/require-page-role";
import { listImportBatches } from "@/lib/server/ingest/list-import-batches";
import { UploadPanel } from "./_components/upload-panel";

export const metadata: Metadata = { title: "Imports" };


export default async function ImportsPage() {
  const user = await requirePageRole(UPLOAD_ROLES, "/imports");
  // Analysts see every import; researchers (and admins) their own.
  const batches = await listImportBatches({ uploadedById: REVIEW_ROLES.includes(user.role) ? undefined : user.id });
  return (
    <>
      <h1>Imports</h1>
      <p className="lede">Each file is one batch, committed whole or not at all. The same file twice is recognised and not stored again.</p>
      <UploadPanel />
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">Import history</h2>
        {batches.length === 0 ? (
          <p className="empty">No imports yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="import-history">
              <thead>
                <tr>
                  <th scope="col">Batch</th>
                  <th scope="col">File</th>
                  <th scope="col">Format</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Accepted</th>
                  <th scope="col" className="num">Duplicates</th>
                  <th scope="col" className="num">Rejected</th>
                  <th scope="col" className="num">Aircraft</th>
                  <th scope="col">Uploaded by</th>
                  <th scope="col">When (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <td>
                      <Link href={`/imports/${b.id}`}>{b.id}</Link>
                    </td>
                    <td>{b.fileName}</td>
                    <td>{b.format}</td>
                    <td>{b.status.toLowerCase()}</td>
                    <td className="num">{formatCount(b.accepted)}</td>
                    <td className="num">{formatCount(b.duplicates)}</td>
                    <td className="num">{formatCount(b.rejected)}</td>
                    <td className="num">{formatCount(b.aircraft)}</td>
                    <td>{b.uploadedBy ?? "command line"}</td>
                    <td>{formatUtcMinute(Date.parse(b.createdAt))}</td>
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
