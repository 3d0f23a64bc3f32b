import { connection } from "next/server";
import { positionsPerDaySeries } from "@/lib/core/charts/positions-per-day-series";
import { formatCount } from "@/lib/core/format/format-count";
import { getOverviewStats } from "@/lib/server/stats/get-overview-stats";
import { PositionsPerDayChart } from "./_components/positions-per-day-chart";
import { StatList } from "./_components/stat-list";


function formatUtc(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—";
}

export default async function OverviewPage() {
  await connection(); // rendered per request: the numbers come from the database
  const stats = await getOverviewStats();
  const series = positionsPerDaySeries(stats.positionsPerDay);
  return (
    <>
      <h1>Overview</h1>
      <p className="lede">
        What darkflight holds: ADS-B positions imported from OpenSky, readsb/tar1090, Flightradar24 and receivers,
        split into flights and checked for the patterns analysts look for.
      </p>
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
                {formatUtc(stats.firstTime)}
                <br />– {formatUtc(stats.lastTime)}
              </>
            ) : (
              "no data yet"
            ),
          },
        ]}
      />
      <section className="panel" aria-labelledby="per-day-title">
        <h2 id="per-day-title">Positions per day (UTC)</h2>
        {series.length === 0 ? (
          <p className="empty">No positions imported yet.</p>
        ) : (
          <>
            <PositionsPerDayChart series={series} />
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
                  {series.map((d) => (
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
