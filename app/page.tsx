import Link from "next/link";
import { connection } from "next/server";
import { positionsPerDaySeries } from "@/lib/core/charts/positions-per-day-series";
import { flagTag } from "@/lib/core/format/flag-label";
import { formatCount } from "@/lib/core/format/format-count";
import { formatUtc, isUtcDay } from "@/lib/core/format/format-utc";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { LiveRefresh } from "./_components/live-refresh";
import { REVIEW_ROLES } from "@/lib/server/auth/require-role";
import { getOverviewModel } from "@/lib/server/public/get-overview-model";
import { getOverviewStats } from "@/lib/server/stats/get-overview-stats";
import { CubaVenezuelaChart } from "./_components/charts/cuba-venezuela-chart";
import { FlaggedPerWeekChart } from "./_components/charts/flagged-per-week-chart";
import { GapHistogramChart } from "./_components/charts/gap-histogram-chart";
import { OverviewMap } from "./_components/map/overview-map";
import { PositionsPerDayChart } from "./_components/positions-per-day-chart";
import { StatList } from "./_components/stat-list";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const day = (v: string | string[] | undefined) => {
  const s = Array.isArray(v) ? v[0] : v;
  return s && isUtcDay(s) ? s : null;
};

export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  await connection(); // rendered per request: the numbers come from the database
  const params = await searchParams;
  const viewer = await getCurrentUser();
  // Analysts may look at every flagged flight here; everyone else sees published findings only.
  const allFlagged = params.scope === "all" && viewer !== null && REVIEW_ROLES.includes(viewer.role);
  const [from, to] = [day(params.from), day(params.to)];
  // A reversed range is read the way it was meant (as the queue does).
  const period = from && to && from > to ? { from: to, to: from } : { from, to };
  // Readers' view comes from the cache kept per publication version; analysts' is computed.
  const [model, stats] = await Promise.all([getOverviewModel(period, allFlagged ? "all-flagged" : "published"), getOverviewStats()]);
  const { figures, perWeek, cubaVenezuela, gapBins, map, latest } = model;
  const overview = { spanFrom: model.spanFrom, spanTo: model.spanTo };
  const daily = positionsPerDaySeries(stats.positionsPerDay);
  const what = allFlagged ? "flagged flights (published or not)" : "published findings";
  const periodText = period.from || period.to ? `${period.from ?? "the start"} to ${period.to ?? "the end"}` : "all dates";
  return (
    <>
      <h1>Dark and detouring flights in the Caribbean</h1>
      <p className="lede">
        Flights between Cuba and Venezuela by Il-76, Il-96 and A340 aircraft, silences in their ADS-B tracks and detours around the
        Curaçao flight region, found in ADS-B data and checked by analysts. {allFlagged ? "You are seeing every flagged flight, including unpublished ones." : "Only findings an analyst has confirmed and published are shown."}{" "}
        <Link href="/methodology">How flights are flagged</Link>.
      </p>
      {/* The analysts' view of every flagged flight follows live detection; published findings change only when published. */}
      {allFlagged ? <LiveRefresh /> : null}

      {/* Keyed on what it shows, and no autocomplete: the fields always show the address's period and scope. */}
      <form key={`${period.from} ${period.to} ${allFlagged}`} method="get" action="/" autoComplete="off" className="filters panel period" aria-label="Period" data-testid="period-form">
        <label>
          First seen from (UTC)
          <input type="date" name="from" defaultValue={period.from ?? ""} min={overview.spanFrom ?? undefined} max={overview.spanTo ?? undefined} />
        </label>
        <label>
          to
          <input type="date" name="to" defaultValue={period.to ?? ""} min={overview.spanFrom ?? undefined} max={overview.spanTo ?? undefined} />
        </label>
        {viewer && REVIEW_ROLES.includes(viewer.role) ? (
          <label>
            Show
            <select name="scope" defaultValue={allFlagged ? "all" : ""}>
              <option value="">published findings</option>
              <option value="all">all flagged flights (analysts)</option>
            </select>
          </label>
        ) : null}
        <div className="filter-buttons">
          <button type="submit">Show period</button>
          {period.from || period.to ? <Link href={allFlagged ? "/?scope=all" : "/"}>All dates</Link> : null}
        </div>
      </form>

      <StatList
        label={`Headline figures, ${periodText}`}
        stats={[
          { label: allFlagged ? "Flagged flights" : "Published findings", value: formatCount(figures.flaggedFlights), testId: "figure-findings" },
          {
            label: "Cuba–Venezuela flights",
            value: formatCount(figures.cubaVenezuelaFlights),
            testId: "figure-cuba-venezuela",
          },
          { label: "Suspected switch-offs", value: formatCount(figures.suspectedSwitchOffs), testId: "figure-suspected" },
          { label: "Gaps without coverage evidence", value: formatCount(figures.gapsWithoutEvidence), testId: "figure-gaps" },
          { label: "Detours around a watched zone", value: formatCount(figures.detours), testId: "figure-detours" },
        ]}
      />
      {figures.cubaVenezuelaByType.length ? (
        <p className="by-type" data-testid="cuba-venezuela-by-type">
          Cuba–Venezuela flights by type: {figures.cubaVenezuelaByType.map((t) => `${t.typecode} ${t.flights}`).join(" · ")}
        </p>
      ) : null}
      {model.totalCount > model.findingsCount ? (
        <p className="notice" role="note">
          The map and the list show the {formatCount(model.findingsCount)} most recent of the {formatCount(model.totalCount)} {what}; the figures and charts count
          them all. Narrow the period to draw the others.
        </p>
      ) : null}

      <section className="panel" aria-labelledby="map-title">
        <h2 id="map-title">Map of the {what}</h2>
        <OverviewMap map={map} title={`${formatCount(model.findingsCount)} ${what}, ${periodText}, with the flight regions and the watched Curaçao region`} />
      </section>

      <section className="panel" aria-labelledby="latest-title">
        <h2 id="latest-title">{allFlagged ? "Latest flagged flights" : "Latest published findings"}</h2>
        {latest.length === 0 ? (
          <p className="empty">{allFlagged ? "No flagged flights in this period." : "No published findings in this period yet."}</p>
        ) : (
          <ul className="finding-list" data-testid="latest-findings">
            {latest.map(({ flight, publishedAtMs }) => (
              <li key={flight.key} data-testid="finding" data-key={flight.key}>
                <Link href={`/flights/${flight.key}`}>
                  {flight.callsign ?? "no callsign"} · {flight.aircraft?.typecode ?? "type unknown"} {flight.aircraft?.registration ?? ""}
                </Link>{" "}
                <span className="muted">
                  {flight.origin.airportIcao ?? flight.origin.country ?? "?"} → {flight.destination.airportIcao ?? flight.destination.country ?? "?"},{" "}
                  {formatUtc(flight.firstSeenMs)}
                  {publishedAtMs ? ` · published ${formatUtc(publishedAtMs).slice(0, 10)}` : ""}
                </span>
                <ul className="tags">
                  {flight.flags.map((g) => (
                    <li key={g.id} className={`tag tag-${g.kind.toLowerCase()}`}>
                      {flagTag(g.kind, g.evidence.suspected)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="chart-grid">
        <section className="panel" aria-label="Flagged flights per week">
          <FlaggedPerWeekChart series={perWeek} title={`${allFlagged ? "Flagged flights" : "Published findings"} per week, by aircraft type`} />
        </section>
        <section className="panel" aria-label="Cuba–Venezuela flights">
          <CubaVenezuelaChart series={cubaVenezuela} />
        </section>
        <section className="panel" aria-label="Gap durations">
          <GapHistogramChart bins={gapBins} title="Silences by duration: gap (no coverage evidence) or suspected switch-off" />
        </section>
      </div>

      <section className="panel" aria-labelledby="data-title">
        <h2 id="data-title">The data behind it</h2>
        <StatList
          label="Stored data"
          stats={[
            { label: "Positions", value: formatCount(stats.positions), testId: "stat-positions" },
            { label: "Aircraft", value: formatCount(stats.aircraft), testId: "stat-aircraft" },
            { label: "Flights", value: formatCount(stats.flights), testId: "stat-flights" },
            {
              label: "Time span",
              small: true,
              testId: "stat-span",
              value: stats.firstTime ? (
                <>
                  {formatUtc(Date.parse(stats.firstTime))}
                  <br />– {formatUtc(Date.parse(stats.lastTime!))}
                </>
              ) : (
                "no data yet"
              ),
            },
          ]}
        />
        {daily.length === 0 ? (
          <p className="empty">No positions imported yet.</p>
        ) : (
          <>
            <h3 id="per-day-title">Positions per day (UTC)</h3>
            <PositionsPerDayChart series={daily} />
            <details>
              <summary>Table of positions per day</summary>
              <table className="data">
                <caption className="visually-hidden">Positions per UTC day</caption>
                <thead>
                  <tr>
                    <th scope="col">Day (UTC)</th>
                    <th scope="col" className="num">Positions</th>
                  </tr>
                </thead>
                <tbody>
                  {daily.map((d) => (
                    <tr key={d.day}>
                      <td>{d.day}</td>
                      <td className="num">{formatCount(d.positions)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </section>
    </>
  );
}
