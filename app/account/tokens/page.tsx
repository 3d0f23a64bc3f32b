import { formatUtcMinute } from "@/lib/core/format/format-utc";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { requirePageRole } from "@/lib/server/auth/require-page-role";
import { UPLOAD_ROLES } from "@/lib/server/auth/require-role";
import { serverEnv } from "@/lib/server/env";
import { listOwnApiTokens } from "@/lib/server/tokens/list-own-api-tokens";
import { CreateTokenForm } from "./_components/create-token-form";
import { RowActionButton } from "../../_components/row-action-button";
import { revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

const utc = (iso: string) => formatUtcMinute(Date.parse(iso));

/** Where scripts reach this app: PUBLIC_URL when set, else the host this page was asked from. */
async function appOrigin(): Promise<string> {
  const publicUrl = serverEnv().PUBLIC_URL;
  if (publicUrl) return new URL(publicUrl).origin;
  const host = (await headers()).get("host");
  return host ? `http://${host}` : "http://localhost:3000";
}

export default async function ApiTokensPage() {
  const user = await requirePageRole(UPLOAD_ROLES, "/account/tokens");
  const [tokens, origin] = await Promise.all([listOwnApiTokens(user.id), appOrigin()]);
  return (
    <>
      <h1>API tokens</h1>
      <p className="lede">
        Tokens let your scripts upload track files as {user.email}, without a browser. They can only upload and follow their
        import jobs; revoke one and it stops working at once.
      </p>
      <section className="panel" aria-labelledby="create-token-title">
        <h2 id="create-token-title">Create a token</h2>
        <CreateTokenForm />
      </section>
      <section className="panel" aria-labelledby="use-token-title">
        <h2 id="use-token-title">Upload with a token</h2>
        <p>Send each file as the request body, its name in the <code>x-file-name</code> header:</p>
        <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
          <code data-testid="curl-example">
            {`curl -H "Authorization: Bearer <token>" -H "x-file-name: flights.csv" --data-binary @flights.csv ${origin}/api/imports`}
          </code>
        </pre>
        <p className="hint">
          The answer (202) carries a <code>jobId</code>: poll <code>{`${origin}/api/imports/jobs/<jobId>`}</code> with the same
          Authorization header for the progress and the report. Options such as <code>?format=opensky</code> or{" "}
          <code>?strict=true</code> go in the query string.
        </p>
      </section>
      <section className="panel" aria-labelledby="tokens-title">
        <h2 id="tokens-title">Your tokens</h2>
        {tokens.length === 0 ? (
          <p className="empty">No tokens yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="api-tokens">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Created (UTC)</th>
                  <th scope="col">Last used (UTC)</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>{utc(t.createdAt)}</td>
                    <td>{t.lastUsedAt ? utc(t.lastUsedAt) : "never"}</td>
                    <td>{t.revokedAt ? `revoked ${utc(t.revokedAt)}` : "active"}</td>
                    <td>{t.revokedAt ? null : <RowActionButton action={revokeTokenAction} field="tokenId" value={t.id} label="Revoke" pendingLabel="Revoking…" ariaLabel={`Revoke token ${t.name}`} />}</td>
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
