import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { describeFlag } from "@/lib/core/format/describe-flag";
import { flagTag } from "@/lib/core/format/flag-label";
import { formatAltitude } from "@/lib/core/format/format-altitude";
import { formatCount } from "@/lib/core/format/format-count";
import { formatDuration, formatUtc } from "@/lib/core/format/format-utc";
import { identityWarning } from "@/lib/core/identity/identity-warning";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getFlightPage } from "@/lib/server/flights/get-flight-page";
import { FlightProfileChart } from "../../_components/charts/flight-profile-chart";
import { TrackMap } from "../../_components/map/track-map";
import { StatList } from "../../_components/stat-list";
import { ReviewPanel } from "./review-panel";
import { formatScore } from "@/lib/core/format/format-score";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  return { title: `Flight ${id}` };
}

/**
 * One flight: its track and profile with the gaps drawn as gaps, every flag in plain words,
 * the aircraft's identity, downloads, and for analysts the review workflow.
 */
export default async function FlightPage({ params }: { params: Params }) {
  const { id } = await params;
  const viewer = await getCurrentUser();
  // Readers' pages of published flights come from the cache kept per publication version.
  const shown = await getFlightPage(id, viewer);
  if (!shown) notFound();
  const { view, map, profile } = shown;
  const { flight, page, review } = view;
  const identity = identityWarning(flight.icao24, flight.aircraft?.registration);
  const title = [flight.callsign ?? "No callsign", flight.aircraft?.typecode, flight.aircraft?.registration].filter(Boolean).join(" · ");
  const exportBase = `/flights/${flight.key}/export`;
  return (
    <>
      <p className="breadcrumb">
        <Link href={view.analyst ? "/review" : "/"}>{view.analyst ? "← Review queue" : "← Overview"}</Link>
      </p>
      <h1 data-testid="flight-title">{title}</h1>
      <p className="lede">
        {flight.origin.airportIcao ?? flight.origin.country ?? "unknown origin"} → {flight.destination.airportIcao ?? flight.destination.country ?? "unknown destination"},{" "}
        {formatUtc(flight.firstSeenMs)} – {formatUtc(flight.lastSeenMs)}
        {review?.published ? (
          <>
            {" "}
            · <span className="status status-published">published {review.publishedAtMs ? formatUtc(review.publishedAtMs).slice(0, 10) : ""}</span>
          </>
        ) : null}
      </p>
      {!view.findingsVisible ? (
        <p className="notice" role="note">
          This flight was built from positions you uploaded. Its findings are shown only after an analyst has reviewed and published them.
        </p>
      ) : null}
      <StatList
        label="Flight summary"
        stats={[
          { label: "Duration", value: formatDuration((flight.lastSeenMs - flight.firstSeenMs) / 1000), testId: "stat-duration" },
          { label: "Distance flown", value: `${formatCount(Math.round(flight.distanceKm))} km` },
          { label: "Highest", value: formatAltitude(flight.maxAltitudeFt), small: true },
          { label: "Positions", value: formatCount(page.positionCount), testId: "stat-positions" },
          ...(view.findingsVisible ? [{ label: "Score", value: formatScore(flight.score) }] : []),
        ]}
      />

      <section className="panel" aria-labelledby="track-title">
        <h2 id="track-title">Track</h2>
        <TrackMap map={map} title={`Track of ${flight.callsign ?? flight.icao24}, coloured by altitude`} />
        {page.positionCount > page.map.length ? (
          <p className="hint">
            The map shows {formatCount(page.map.length)} of {formatCount(page.positionCount)} positions (simplified so its shape is kept); the downloads hold every position.
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="profile-title">
        <h2 id="profile-title">Altitude and speed</h2>
        <FlightProfileChart profile={profile} title="Altitude (ft) and ground speed (kt) over time, gaps shaded" />
      </section>

      {view.findingsVisible ? (
        <section className="panel" aria-labelledby="flags-title">
          <h2 id="flags-title">Why this flight is flagged</h2>
          {flight.flags.length === 0 ? (
            <p className="empty">No flags on this flight.</p>
          ) : (
            <ul className="flag-list" data-testid="flag-list">
              {flight.flags.map((flag) => {
                const d = describeFlag(flag);
                return (
                  <li key={flag.id} data-testid="flag" data-kind={flag.kind}>
                    <span className={`tag tag-${flag.kind.toLowerCase()}`}>{flagTag(flag.kind, flag.evidence.suspected)}</span>{" "}
                    <span data-testid="flag-sentence">{d.sentence}.</span>
                    {d.details.length ? (
                      <details>
                        <summary>Evidence and thresholds</summary>
                        <ul>
                          {d.details.map((line, i) => (
                            <li key={i}>{line}</li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="gaps-title">
        <h2 id="gaps-title">Silences in the track</h2>
        {flight.gaps.length === 0 ? (
          <p className="empty">No airborne silence of 5 minutes or more.</p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="gap-table">
              <thead>
                <tr>
                  <th scope="col">Last position (ADS-B lost)</th>
                  <th scope="col">Next position (ADS-B back)</th>
                  <th scope="col" className="num">Duration</th>
                  <th scope="col">At</th>
                  <th scope="col">What it is</th>
                </tr>
              </thead>
              <tbody>
                {flight.gaps.map((g) => (
                  <tr key={g.offTimeMs}>
                    <td>{formatUtc(g.offTimeMs)}</td>
                    <td>{g.onTimeMs === null ? "not on this flight (open gap)" : formatUtc(g.onTimeMs)}</td>
                    {/* An open gap's duration runs to the aircraft's next flight or a cap: a lower bound, not a measure. */}
                    <td className="num">{g.onTimeMs === null ? `≥ ${formatDuration(g.durationS)}` : formatDuration(g.durationS)}</td>
                    <td>{formatAltitude(g.offAltitudeFt)}</td>
                    <td>
                      {g.suspected
                        ? `suspected switch-off${g.witnessCount > 0 ? `: ${g.witnessCount} other aircraft received along its path meanwhile` : ""}`
                        : "gap: no coverage evidence"}
                      {g.partial ? " (MLAT positions continued)" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel two-col" aria-labelledby="identity-title">
        <div>
          <h2 id="identity-title">Aircraft</h2>
          <dl className="facts" data-testid="identity">
            <dt>ICAO address</dt>
            <dd>
              {flight.icao24}
              {identity.addressCountry ? ` (block of ${identity.addressCountry.name})` : " (unallocated block)"}
            </dd>
            <dt>Registration</dt>
            <dd>
              {flight.aircraft?.registration ?? "unknown"}
              {identity.registrationCountry ? ` (${identity.registrationCountry.name})` : ""}
            </dd>
            <dt>Type</dt>
            <dd>{[flight.aircraft?.typecode, flight.aircraft?.model].filter(Boolean).join(", ") || "unknown"}</dd>
            <dt>Operator</dt>
            <dd>{flight.aircraft?.operator ?? "unknown"}</dd>
            {flight.aircraft?.tags.length ? (
              <>
                <dt>Tags</dt>
                <dd>{flight.aircraft.tags.join(", ")}</dd>
              </>
            ) : null}
            <dt>Identity from</dt>
            <dd>{flight.aircraft?.identitySource ?? "the positions only"}</dd>
          </dl>
          {identity.warning ? (
            <p className="warning" role="note" data-testid="identity-warning">
              Identity warning: {identity.warning}.
            </p>
          ) : null}
        </div>
        <div>
          <h2>Route</h2>
          <dl className="facts">
            <dt>From</dt>
            <dd>{endpointText(flight.origin)}</dd>
            <dt>To</dt>
            <dd>{endpointText(flight.destination)}</dd>
            <dt>Flight regions crossed</dt>
            <dd>{flight.firSequence.join(" → ") || "—"}</dd>
          </dl>
        </div>
      </section>

      <section className="panel" aria-labelledby="downloads-title">
        <h2 id="downloads-title">Downloads</h2>
        <p className="hint">Every stored position, not the simplified map.</p>
        <ul className="downloads" data-testid="downloads">
          <li>
            <a href={`${exportBase}/track.csv`} download>Track (CSV)</a>
          </li>
          <li>
            <a href={`${exportBase}/track.geojson`} download>Track and gaps (GeoJSON)</a>
          </li>
          <li>
            <a href={`${exportBase}/track.kml`} download>Track and gaps (KML, Google Earth)</a>
          </li>
          {view.findingsVisible ? (
            <li>
              <a href={`${exportBase}/flags.csv`} download>Flags and evidence (CSV)</a>
            </li>
          ) : null}
          {view.analyst ? (
            <li>
              <a href={`/flights/${flight.key}/case-file`} download>Case file (zip: track, flags, evidence, notes, rule versions)</a>
            </li>
          ) : null}
        </ul>
      </section>

      {view.analyst ? <ReviewPanel view={view} /> : null}
    </>
  );
}

function endpointText(e: { airportIcao: string | null; airportName: string | null; country: string | null; inferred: boolean; explanation: string | null }) {
  if (e.airportIcao && !e.inferred) return `${e.airportIcao}${e.airportName ? ` (${e.airportName})` : ""}${e.country ? `, ${e.country}` : ""}`;
  if (e.country) return `${e.country}, inferred${e.explanation ? `: ${e.explanation}` : ""}`;
  return "unknown";
}
