import type { Metadata } from "next";
import { formatCount } from "@/lib/core/format/format-count";
import { formatUtcDateTime } from "@/lib/core/format/format-utc";
import { ACCOUNT_ROLES, requirePageRole } from "@/lib/server/auth/require-page-role";
import { listLiveFeeds, type LiveFeedSummary } from "@/lib/server/live/list-live-feeds";
import { RowActionButton } from "../../_components/row-action-button";
import { AddFeedForm } from "./_components/add-feed-form";
import { removeFeedAction } from "./actions";

export const metadata: Metadata = { title: "Live feeds" };

const utc = (iso: string | null) => (iso ? formatUtcDateTime(Date.parse(iso)) : "never");

/** Connected only when the worker said so within the last 30 s (listLiveFeeds decides). */
function FeedStatus({ feed }: { feed: LiveFeedSummary }) {
  if (!feed.enabled) return <span className="status">disabled</span>;
  return (
    <>
      <span className={`status ${feed.connected ? "status-confirmed" : "status-in_review"}`} data-testid="feed-connection">
        {feed.connected ? "connected" : "not connected"}
      </span>
      <div className="muted small">{feed.statusAt ? `status of ${utc(feed.statusAt)}` : "no status from the worker yet"}</div>
    </>
  );
}

export default async function AdminFeedsPage() {
  await requirePageRole(ACCOUNT_ROLES, "/admin/feeds");
  const feeds = await listLiveFeeds();
  return (
    <>
      <h1>Live feeds</h1>
      <p className="lede">
        Receivers the job worker reads positions from as they arrive: a BaseStation port (SBS-1, as readsb or dump1090 serve on
        30003) or a tar1090 aircraft.json. Positions carry the time of their message, so the stream time is the feed&apos;s own
        clock, not this server&apos;s.
      </p>
      <section className="panel" aria-labelledby="add-feed-title">
        <h2 id="add-feed-title">Add a feed</h2>
        <p className="hint">
          <code>sbs1://HOST:PORT</code> or <code>aircraft-json+http://HOST:PORT/data/aircraft.json</code> (<code>+https</code> too).
        </p>
        <AddFeedForm />
      </section>
      <section className="panel" aria-labelledby="feeds-title">
        <h2 id="feeds-title">Feeds</h2>
        {feeds.length === 0 ? (
          <p className="empty">No live feed yet: positions arrive only through imports.</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="live-feeds">
              <thead>
                <tr>
                  <th scope="col">Feed</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Messages/s</th>
                  <th scope="col">Last message</th>
                  <th scope="col">Stream time</th>
                  <th scope="col" className="num">Messages</th>
                  <th scope="col" className="num">Positions</th>
                  <th scope="col" className="num">Reconnects</th>
                  <th scope="col">Errors</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {feeds.map((f) => (
                  <tr key={f.id} data-testid="live-feed" data-url={f.url}>
                    <td>
                      {f.name ? <strong>{f.name}</strong> : null}
                      <div className="small">
                        <code>{f.url}</code>
                      </div>
                      <div className="muted small">
                        feed {f.id} · {f.kind}
                      </div>
                    </td>
                    <td>
                      <FeedStatus feed={f} />
                    </td>
                    <td className="num">{f.messagesPerS.toFixed(1)}</td>
                    <td>{utc(f.lastMessageAt)}</td>
                    <td>{f.streamTime ? utc(f.streamTime) : "—"}</td>
                    <td className="num">{formatCount(f.messagesTotal)}</td>
                    <td className="num">{formatCount(f.positionsTotal)}</td>
                    <td className="num">{formatCount(f.reconnects)}</td>
                    <td>
                      {formatCount(f.errors)}
                      {f.lastError ? <div className="muted small" data-testid="feed-last-error">last: {f.lastError}</div> : null}
                    </td>
                    <td>
                      <RowActionButton action={removeFeedAction} field="feedId" value={f.id} label="Remove" pendingLabel="Removing…" ariaLabel={`Remove feed ${f.name ?? f.url}`} />
                    </td>
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
