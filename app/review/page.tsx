import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FLAG_KINDS } from "@/lib/core/model/finding";
import { REVIEW_STATUSES } from "@/lib/core/flight-record";
import { formatCount } from "@/lib/core/format/format-count";
import { FLAG_KIND_TITLES, flagTag } from "@/lib/core/format/flag-label";
import { formatUtc } from "@/lib/core/format/format-utc";
import { hasActiveFilters, parseQueueFilters, QUEUE_PAGE_SIZES, queueSearchParams, type QueueFilters } from "@/lib/core/review/queue-filters";
import { statusLabel } from "@/lib/core/review/review-transitions";
import { REVIEW_ROLES, requirePageRole } from "@/lib/server/auth/require-page-role";
import { listReviewQueue } from "@/lib/server/review/list-review-queue";
import { flagLabel } from "@/lib/core/format/flag-label";
import { listDarkNow } from "@/lib/server/live/list-dark-now";
import { ActionForm } from "../_components/action-form";
import { LiveRefresh } from "../_components/live-refresh";
import { bulkStatusAction } from "./actions";
import { formatScore } from "@/lib/core/format/format-score";

export const metadata: Metadata = { title: "Review queue" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ReviewQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const filters = parseQueueFilters(params);
  const viewer = await requirePageRole(REVIEW_ROLES, `/review${queueSearchParams(filters)}`);
  const queue = await listReviewQueue(viewer, filters);
  // Past the last page (an old link, a shrunken queue): the last page, not an empty queue.
  if (queue.rows.length === 0 && queue.total > 0 && filters.page > queue.pageCount) redirect(`/review${queueSearchParams(filters, { page: queue.pageCount })}`);
  const darkNow = await listDarkNow();
  const route = filters.origin || filters.destination ? `${filters.origin ?? ""}-${filters.destination ?? ""}` : "";
  return (
    <>
      <h1>Review queue</h1>
      <p className="lede">
        Flagged flights, strongest first. Filters live in the address bar: copy it to share this view.
      </p>
      <LiveRefresh />
      <DarkNow streamTime={darkNow.streamTime} entries={darkNow.entries} />
      {/* Keyed on the filters, and no autocomplete: the fields always show the address's filters (a
          link like "Clear filters" or the back button would otherwise leave the old choices shown). */}
      <form key={queueSearchParams(filters, { page: 1 })} method="get" action="/review" autoComplete="off" className="filters panel" aria-label="Filter the queue" data-testid="queue-filters">
        <label>
          Flag
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">any flag</option>
            {FLAG_KINDS.map((k) => (
              <option key={k} value={k}>
                {FLAG_KIND_TITLES[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={filters.status ?? ""}>
            <option value="">any status</option>
            {REVIEW_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Aircraft type
          <select name="type" defaultValue={filters.type ?? ""}>
            <option value="">any type</option>
            {queue.options.types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Address block country
          <select name="country" defaultValue={filters.country ?? ""}>
            <option value="">any country</option>
            {queue.options.countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          Route
          <select name="route" defaultValue={route}>
            <option value="">any route</option>
            {queue.options.routes.map((r) => (
              <option key={r} value={r}>
                {r.replace("-", " → ")}
              </option>
            ))}
          </select>
        </label>
        <label>
          Operator contains
          <input name="operator" defaultValue={filters.operator ?? ""} maxLength={80} />
        </label>
        <label>
          First seen from (UTC)
          <input type="date" name="from" defaultValue={filters.from ?? ""} />
        </label>
        <label>
          to
          <input type="date" name="to" defaultValue={filters.to ?? ""} />
        </label>
        <label>
          Sort by
          <select name="sort" defaultValue={filters.sort}>
            <option value="score">score</option>
            <option value="time">time</option>
          </select>
        </label>
        <label>
          Order
          <select name="dir" defaultValue={filters.dir}>
            <option value="desc">descending</option>
            <option value="asc">ascending</option>
          </select>
        </label>
        <label>
          Per page
          <select name="pageSize" defaultValue={String(filters.pageSize)}>
            {QUEUE_PAGE_SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <div className="filter-buttons">
          <button type="submit">Apply filters</button>
          {hasActiveFilters(filters) ? <Link href="/review">Clear filters</Link> : null}
        </div>
      </form>

      <p role="status" data-testid="queue-count">
        {formatCount(queue.total)} flagged flight{queue.total === 1 ? "" : "s"}
        {hasActiveFilters(filters) ? " match these filters" : ""}
        {queue.total > 0 ? ` · page ${queue.page} of ${queue.pageCount}` : ""}
      </p>

      {queue.rows.length === 0 ? (
        <p className="empty">{hasActiveFilters(filters) ? "No flagged flight matches these filters." : "No flagged flights yet: import positions and detection fills this queue."}</p>
      ) : (
        <ActionForm action={bulkStatusAction} testId="bulk-form" label="Change the status of the selected flights">
          <div className="table-scroll">
            <table className="data queue" data-testid="queue-table">
              <caption className="visually-hidden">Flagged flights</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th scope="col" className="num">Score</th>
                  <th scope="col">Flight</th>
                  <th scope="col">Aircraft</th>
                  <th scope="col">Route</th>
                  <th scope="col">First seen</th>
                  <th scope="col">Flags</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {queue.rows.map((row) => (
                  <tr key={row.key} data-testid="queue-row" data-key={row.key}>
                    <td>
                      <input type="checkbox" name="flight" value={`${row.key}:${row.status}:${row.reviewVersion}`} aria-label={`Select ${row.callsign ?? row.icao24}`} />
                    </td>
                    <td className="num">{formatScore(row.score)}</td>
                    <td>
                      <Link href={`/flights/${row.key}`}>{row.callsign ?? "no callsign"}</Link>
                      <div className="muted small">{row.icao24}{row.blockCountry ? ` · ${row.blockCountry}` : ""}</div>
                    </td>
                    <td>
                      {row.typecode ?? "type ?"} {row.registration ?? ""}
                      <div className="muted small">{row.operator ?? ""}</div>
                    </td>
                    <td>
                      {row.originIcao ?? row.originCountry ?? "?"} → {row.destinationIcao ?? row.destinationCountry ?? "?"}
                    </td>
                    <td>{formatUtc(row.firstSeenMs)}</td>
                    <td>
                      <ul className="tags">
                        {row.kinds.map((k) => (
                          <li key={k} className={`tag tag-${k.toLowerCase()}`}>
                            {flagTag(k, row.suspectedSwitchOff)}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <span className={`status status-${row.status.toLowerCase()}`} data-testid="queue-status">
                        {statusLabel(row.status)}
                      </span>
                      {row.published ? <span className="status status-published">published</span> : null}
                      {row.assigneeEmail ? <div className="muted small">{row.assigneeEmail}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="bulk-bar">
            <label>
              Set the selected to{" "}
              <select name="status" defaultValue="IN_REVIEW">
                {REVIEW_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {statusLabel(s)}
                  </option>
                ))}
              </select>
            </label>{" "}
            <button type="submit">Change status</button>
          </div>
        </ActionForm>
      )}
      <Pager filters={filters} pageCount={queue.pageCount} />
    </>
  );
}

function Pager({ filters, pageCount }: { filters: QueueFilters; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="pager">
      {filters.page > 1 ? <Link href={`/review${queueSearchParams(filters, { page: filters.page - 1 })}`}>← Previous</Link> : <span />}
      <span>
        Page {filters.page} of {pageCount}
      </span>
      {filters.page < pageCount ? <Link href={`/review${queueSearchParams(filters, { page: filters.page + 1 })}`}>Next →</Link> : <span />}
    </nav>
  );
}

/**
 * Aircraft of interest silent right now (open silences, by the stream's own clock): above the
 * queue, because they may still come back. "Suspected switch-off" only when the grading says so.
 */
function DarkNow({ streamTime, entries }: Awaited<ReturnType<typeof listDarkNow>>) {
  const clock = streamTime ? formatUtc(Date.parse(streamTime)) : null;
  return (
    <section className="panel" aria-labelledby="dark-now-title" data-testid="dark-now">
      <h2 id="dark-now-title">Dark now</h2>
      {entries.length === 0 ? (
        <p className="empty">
          No aircraft of interest is silent now{clock ? ` (stream time ${clock})` : " (no positions stored yet)"}.
        </p>
      ) : (
        <>
          <p className="hint">Stream time {clock}: the newest position stored, not this server&apos;s clock.</p>
          <ul className="flag-list">
            {entries.map((e) => (
              <li key={e.flightKey} data-testid="dark-now-entry">
                <Link href={`/flights/${e.flightKey}`}>{e.registration ?? e.icao24}</Link>
                {e.callsign ? ` ${e.callsign.trim()}` : ""}
                {e.typecode ? ` · ${e.typecode}` : ""} · silent {e.silentMinutes} min ·{" "}
                <span className={e.suspected ? "tag tag-transponder_gap" : "tag"}>{flagLabel({ kind: "TRANSPONDER_GAP", suspected: e.suspected })}</span>
                <div className="muted small">{e.summary}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
