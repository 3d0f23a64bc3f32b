import { formatUtcHhMm } from "../format/format-utc";
import type { Flight } from "../model/flight";
import type { ScheduleRef } from "../model/schedule-ref";

export interface ScheduleCandidate {
  schedule: ScheduleRef;
  matched: boolean;
  /** Why it matched or not, one fact per entry. */
  reasons: string[];
  /** Minutes between the flight's (estimated) departure and the scheduled one on the nearest date. */
  offsetMin: number;
}

export interface ScheduleMatch {
  matched: ScheduleRef | null;
  /** Entries with the same callsign or operator, best first. */
  candidates: ScheduleCandidate[];
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * Match a flight against published schedules. An entry matches when
 * (same callsign, or same operator and same route origin → destination airports) AND the
 * scheduled departure date is one of its ISO weekdays AND within [validFrom, validTo] AND the
 * departure is within ±`toleranceMin` of the scheduled time (UTC). When the track starts at an
 * airport, the departure is the first airborne position; when it starts at altitude (origin
 * inferred), the flight only has to be seen airborne within the scheduled departure–arrival
 * window widened by the tolerance. Dates D−1, D, D+1 are tried so midnight never breaks a match.
 * `operator` is compared with the callsign's ICAO prefix (CUB1250 → CUB) and the aircraft's operator.
 */
export function matchSchedule(flight: Flight, schedules: readonly ScheduleRef[], operator: string | null, toleranceMin: number): ScheduleMatch {
  const callsign = norm(flight.callsign);
  const operators = new Set([norm(operator), callsign?.match(/^([A-Z]{3})\d/)?.[1] ?? null].filter((x): x is string => !!x));
  const fromAirport = flight.origin.method === "airport";
  const departureMs = fromAirport ? (flight.points.find((p) => !p.onGround)?.timeMs ?? flight.firstSeenMs) : flight.firstSeenMs;
  const route = `${flight.origin.airportIcao ?? "?"} → ${flight.destination.airportIcao ?? "?"}`;
  const candidates: ScheduleCandidate[] = [];

  for (const s of schedules) {
    const sameCallsign = callsign !== null && norm(s.callsign) === callsign;
    const sameOperator = s.operator !== null && operators.has(norm(s.operator) ?? "");
    if (!sameCallsign && !sameOperator) continue;
    const reasons: string[] = [];
    const sameRoute = flight.origin.airportIcao === s.originIcao && flight.destination.airportIcao === s.destinationIcao;
    let identityOk = sameCallsign;
    if (sameCallsign) reasons.push(`callsign ${callsign} matches`);
    else if (sameRoute) {
      identityOk = true;
      reasons.push(`operator ${s.operator} and route ${s.originIcao} → ${s.destinationIcao} match`);
    } else {
      reasons.push(`operator ${s.operator} matches but the route ${s.originIcao} → ${s.destinationIcao} differs from the flown ${route}`);
    }

    const best = bestDate(s, departureMs, fromAirport, toleranceMin);
    const date = new Date(best.dayMs).toISOString().slice(0, 10);
    const weekday = isoWeekday(best.dayMs);
    const dayOk = s.weekdays.includes(String(weekday));
    const validOk = date >= s.validFrom && date <= s.validTo;
    if (!dayOk) reasons.push(`${WEEKDAYS[weekday]} ${date} is not one of its days ${s.weekdays} (${[...s.weekdays].map((d) => WEEKDAYS[Number(d)]).join(", ")})`);
    if (!validOk) reasons.push(`${date} is outside its validity ${s.validFrom} … ${s.validTo}`);
    if (!best.timeOk) reasons.push(best.timeText);
    const matched = identityOk && dayOk && validOk && best.timeOk;
    if (matched) reasons.push(`${WEEKDAYS[weekday]} ${date} within validity; ${best.timeText}`);
    candidates.push({ schedule: s, matched, reasons, offsetMin: best.offsetMin });
  }
  candidates.sort((a, b) => Number(b.matched) - Number(a.matched) || Math.abs(a.offsetMin) - Math.abs(b.offsetMin) || a.schedule.callsign.localeCompare(b.schedule.callsign));
  return { matched: candidates.find((c) => c.matched)?.schedule ?? null, candidates };
}

interface DateFit {
  dayMs: number;
  offsetMin: number;
  timeOk: boolean;
  timeText: string;
}

/** The scheduled date (D−1, D, D+1 around the departure) that fits the flight's time best. */
function bestDate(s: ScheduleRef, departureMs: number, fromAirport: boolean, toleranceMin: number): DateFit {
  const day0 = Math.floor(departureMs / DAY_MS) * DAY_MS;
  const depMin = hhmmToMin(s.departureUtc);
  let arrMin = hhmmToMin(s.arrivalUtc);
  if (arrMin < depMin) arrMin += 24 * 60; // arrives the next day
  const tolMs = toleranceMin * 60_000;
  let best: DateFit | null = null;
  for (const dayMs of [day0 - DAY_MS, day0, day0 + DAY_MS]) {
    const schedDep = dayMs + depMin * 60_000;
    const schedArr = dayMs + arrMin * 60_000;
    const offsetMin = Math.round((departureMs - schedDep) / 60_000);
    const fit: DateFit = fromAirport
      ? {
          dayMs,
          offsetMin,
          timeOk: Math.abs(departureMs - schedDep) <= tolMs,
          timeText: `scheduled departure ${s.departureUtc} UTC, departed ${formatUtcHhMm(departureMs)} UTC (${offsetMin >= 0 ? "+" : ""}${offsetMin} min; tolerance ±${toleranceMin})`,
        }
      : {
          dayMs,
          offsetMin: departureMs < schedDep ? offsetMin : departureMs > schedArr ? Math.round((departureMs - schedArr) / 60_000) : 0,
          timeOk: departureMs >= schedDep - tolMs && departureMs <= schedArr + tolMs,
          timeText: `first seen airborne at ${formatUtcHhMm(departureMs)} UTC; scheduled ${s.departureUtc}–${s.arrivalUtc} UTC ±${toleranceMin} min`,
        };
    if (!best || Number(fit.timeOk) > Number(best.timeOk) || (fit.timeOk === best.timeOk && Math.abs(fit.offsetMin) < Math.abs(best.offsetMin))) best = fit;
  }
  return best!;
}

function norm(s: string | null | undefined): string | null {
  const t = s?.trim().toUpperCase();
  return t ? t : null;
}

function hhmmToMin(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}


/** ISO weekday, 1 = Monday … 7 = Sunday, of a UTC day. */
function isoWeekday(dayMs: number): number {
  const d = new Date(dayMs).getUTCDay();
  return d === 0 ? 7 : d;
}
