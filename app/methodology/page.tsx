import type { Metadata } from "next";
import Link from "next/link";
import { DEFAULT_DETECTION_CONFIG as C } from "@/lib/core/detection/config";
import { DEFAULT_TYPE_WATCHLIST } from "@/lib/core/reference/default-watchlist";

export const metadata: Metadata = { title: "Methodology" };

const km = (n: number) => `${n.toLocaleString("en-US")} km`;
const min = (s: number) => `${Math.round(s / 60)} min`;

/**
 * How darkflight decides what to flag, in words a reader understands. Every threshold below
 * is read from the detection core's defaults, so this page cannot drift from the code.
 */
export default function MethodologyPage() {
  return (
    <article className="prose">
      <h1>Methodology</h1>
      <p className="lede">
        darkflight reads ADS-B positions (what aircraft broadcast and volunteer receivers pick up), splits them into flights and
        flags five patterns. A flag is a reason to look, not a verdict: an analyst reviews every flagged flight, and only findings an
        analyst has confirmed and published appear on the public pages.
      </p>

      <h2 id="flights">From positions to flights</h2>
      <p>
        Positions of one aircraft (one 24-bit ICAO address) are cleaned first: a position the aircraft could not have reached from its
        neighbours (faster than {C.track.maxSpeedKt.toLocaleString("en-US")} kt, or more than {C.track.maxSustainedSpeedKt} kt sustained across a
        silence) is treated as spoofed or corrupt and left out. The track is split into flights where the aircraft is on the ground, where a
        silence shows it landed somewhere, or after a silence longer than {C.split.maxGapInFlightS / 3600} hours. Origin and destination are
        the airports within {km(C.endpoints.airportRadiusKm)} of where the track starts and ends low; a track that starts or ends at altitude
        (outside receiver coverage) gets an <em>inferred</em> country, from where it is and where it was heading, and the page says so.
      </p>

      <h2 id="flags">The five flags</h2>
      <dl className="definitions">
        <dt>Type of interest</dt>
        <dd>
          The aircraft&apos;s type, address or tag is on the watchlist: by default the types{" "}
          {DEFAULT_TYPE_WATCHLIST.join(", ")} (the Il-76, Il-96 and A340 of the report). The address block&apos;s country is checked against the
          registration; a mismatch is shown as a warning, because addresses can be misassigned or spoofed.
        </dd>
        <dt>Cuba–Venezuela</dt>
        <dd>The flight runs between Cuba and Venezuela, in either direction, by its airports or, when the track starts or ends at altitude, by its inferred endpoints.</dd>
        <dt>Unscheduled</dt>
        <dd>
          No published schedule entry matches the callsign, route and weekday within {C.unscheduled.departureToleranceMin} minutes of the departure.
          Checked only for flights that are already of interest (type or Cuba–Venezuela); otherwise every cargo and private flight would be
          &ldquo;unscheduled&rdquo;. A flight without a callsign cannot be a scheduled service.
        </dd>
        <dt>Transponder gap: &ldquo;gap&rdquo; or &ldquo;suspected switch-off&rdquo;</dt>
        <dd>
          <p>
            A <strong>gap</strong> is an airborne silence of at least {min(C.gaps.minGapS)}. Silences are normal: receivers are run by volunteers and
            there are few of them over the sea. So a gap alone says nothing about the transponder.
          </p>
          <p>
            A gap becomes a <strong>suspected switch-off</strong> only when the coverage model has evidence that the aircraft should have been received:
            it was at or above {C.gaps.minAltitudeFt.toLocaleString("en-US")} ft, not descending to land, more than {km(C.gaps.airportExclusionKm)} from any
            airport, it had been received densely just before ({C.gaps.minPositionsBefore} positions or more in the {min(C.gaps.densityWindowS)} before),
            and at least {C.gaps.minWitnesses} <em>other</em> aircraft were received along its path during the silence. Those other aircraft are the
            witnesses: they show receivers were listening there. When ADS-B stops while multilateration (MLAT) positions continue, the gap is{" "}
            <em>partial</em>: the transponder was on, only its position broadcast was not.
          </p>
          <p>Even a suspected switch-off is not proof: a transponder can fail, and a receiver can drop out. The wording on every page keeps the two apart.</p>
        </dd>
        <dt>Detour around a watched zone</dt>
        <dd>
          The direct (great-circle) route between origin and destination runs at least {km(C.zoneAvoidance.minCrossingKm)} through a watched zone
          (by default the Curaçao flight information region, where aircraft are identified), and the track flew around it instead.
        </dd>
      </dl>

      <h2 id="coverage">The coverage model</h2>
      <p>
        The sky is divided into cells of one degree. For each cell and each period, darkflight counts the aircraft received there. Along a
        gap&apos;s path (sampled every {km(C.gaps.pathStepKm)}), the cells that received other aircraft during the gap are the evidence; the flight page
        lists how many. An open gap (the aircraft never reappears) is projected along its last heading for {min(C.gaps.openProjectionS)} and
        suspected only if at least {Math.round(C.gaps.openMinCoveredFraction * 100)}% of those cells had reception: otherwise it simply flew out of
        the area the data covers.
      </p>

      <h2 id="score">The score</h2>
      <p>
        The queue is sorted by a score from 0 to 1 that adds the flags (type {C.score.typeOfInterest}, Cuba–Venezuela {C.score.cubaVenezuela},
        unscheduled {C.score.unscheduled}, detour {C.score.zoneAvoidance}, suspected switch-off up to {C.score.suspectedGap} by its confidence).
        Flights with the report&apos;s whole pattern (type, Cuba–Venezuela and one more) score at least {C.score.patternFloor}. The score orders work; it
        decides nothing.
      </p>

      <h2 id="limits">Limits</h2>
      <ul>
        <li>ADS-B coverage over the Caribbean Sea is thin; absence of data is common and mostly innocent.</li>
        <li>Military and state aircraft may not broadcast ADS-B at all, or use addresses outside their country&apos;s block.</li>
        <li>Positions can be spoofed; the cleaning step removes impossible jumps, not plausible lies.</li>
        <li>Schedules are only as complete as the schedule files imported; a charter can be legitimate and unpublished.</li>
        <li>Every flag is stored with its rule version and thresholds, so a finding can be reproduced and re-checked.</li>
      </ul>
      <p>
        <Link href="/">Back to the overview</Link>
      </p>
    </article>
  );
}
