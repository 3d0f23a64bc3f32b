import type { Metadata } from "next";
import Link from "next/link";
import { DEFAULT_DETECTION_CONFIG as C } from "@/lib/core/model/detection-config";
import { DEFAULT_TYPE_WATCHLIST } from "@/lib/core/reference/default-watchlist";
import { formatChance } from "@/lib/core/format/plain-words";

export const metadata: Metadata = { title: "Methodology" };

const km = (n: number) => `${n.toLocaleString("en-US")} km`;
const min = (s: number) => `${Math.round(s / 60)} min`;
const chance = formatChance;
const R = C.reception;

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
        flags six patterns. A flag is a reason to look, not a verdict: an analyst reviews every flagged flight, and only findings an
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

      <h2 id="flags">The six flags</h2>
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
            A gap becomes a <strong>suspected switch-off</strong> only when two independent kinds of evidence agree that the aircraft should have
            been received. First its own state: at or above {C.gaps.minAltitudeFt.toLocaleString("en-US")} ft, not descending to land, more than{" "}
            {km(C.gaps.airportExclusionKm)} from any airport (or at least {C.gaps.airportExclusionMaxHeightFt.toLocaleString("en-US")} ft above it:
            passing over, not arriving), and received densely just before ({C.gaps.minPositionsBefore} ADS-B positions or more in the{" "}
            {min(C.gaps.densityWindowS)} before; positions placed by MLAT, or from a file that does not say their source, do not count, so such
            tracks show gaps but no suspected switch-off). Then the <a href="#coverage">reception map</a>: over the {R.historyDays} days around the silence,
            the places inside its path (never the places where it was last and next heard) received other aircraft so well that, at its own sampling,
            at least {C.gaps.minExpectedPositions} positions would have arrived, with a chance of hearing none of {chance(C.gaps.maxChanceOfNone)} at most.
            And around the silence, signs that the receivers and the feed were working:{" "}
            {C.gaps.minWitnesses > 0 ? `at least ${C.gaps.minWitnesses} other aircraft received in those places during it; ` : ""}no more aircraft
            heard there just before and after that went quiet too; no more of other aircraft&apos;s crossings of those places in the hours around it
            unheard than heard; and at least {C.gaps.minAliveAircraft} aircraft received within {km(C.gaps.aliveRadiusKm)} during it (otherwise a
            receiver or feed outage explains the silence, not the aircraft). When ADS-B
            stops while multilateration (MLAT) or Mode S positions continue, the gap is <em>partial</em>: the transponder was on, only its position
            broadcast was not; {C.gaps.minPartialPositions} or more such positions make it suspected.
          </p>
          <p>Even a suspected switch-off is not proof: a transponder can fail, and a receiver can drop out. The wording on every page keeps the two apart.</p>
        </dd>
        <dt>Position spoofing</dt>
        <dd>
          Reported positions no aircraft could have flown: a position that stays frozen while the aircraft reports flying on, jumps faster than any
          aircraft, or hangs still at altitude, after which the trusted track resumes far away on a consistent course (GNSS spoofing or a corrupt
          feed). The stretch is shown as spoofing with its jumps and the true distance across, never as a gap or a coverage question, and its
          positions are left out of the track (the downloads keep them).
        </dd>
        <dt>Detour around a watched zone</dt>
        <dd>
          The direct (great-circle) route between origin and destination runs at least {km(C.zoneAvoidance.minCrossingKm)} through a watched zone
          (by default the Curaçao flight information region, where aircraft are identified), and the track flew around it instead.
        </dd>
      </dl>

      <h2 id="coverage">The reception map</h2>
      <p>
        Global Fishing Watch tells a ship that disabled its transponder from a ship out of reach with a reception map built from the data itself;
        darkflight does the same for aircraft. The sky is cut into cells of {R.cellDeg}° and three altitude bands (below{" "}
        {R.bandFloorsFt[0]!.toLocaleString("en-US")} ft, up to {R.bandFloorsFt[1]!.toLocaleString("en-US")} ft, and above), hour by hour. For every
        aircraft that crossed a cell, the map keeps how many positions arrived and how many its own sampling predicts: its time there divided by its
        usual interval. Time between positions up to {R.denseMaxS} s apart counts as received; a silence of up to {min(R.bridgeMaxS)} at a plausible
        speed is a crossing heard by nobody; where a track starts or ends in the air, the aircraft is followed {min(R.openEndProjectionS)} along its
        track unheard. Positions received ÷ positions predicted is the reception that cell really had. A cell nobody ever crossed is{" "}
        <em>unknown</em>, never covered: open sea, or the edge of an extract.
      </p>
      <p>
        The map is stored in the database and updated in the same transaction as every import; an import also re-grades every stored silence whose
        window it touches, so the same data gives the same flags in any order. A silence is judged without the aircraft&apos;s own crossings. Its path
        is sampled every {km(C.gaps.pathStepKm)}; an open gap (the aircraft never reappears) is projected along its last heading for{" "}
        {min(C.gaps.openProjectionS)}. Analysts see the map on the overview; every flight page colours the cells along each silence by the reception
        measured there at its altitude band.
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
        <li>Positions can be spoofed: frozen or teleporting stretches are flagged as position spoofing (never as a gap), isolated outliers are dropped; plausible lies are not caught.</li>
        <li>Schedules are only as complete as the schedule files imported; a charter can be legitimate and unpublished.</li>
        <li>Every flag is stored with its rule version and thresholds, so a finding can be reproduced and re-checked.</li>
      </ul>
      <p>
        <Link href="/">Back to the overview</Link>
      </p>
    </article>
  );
}
