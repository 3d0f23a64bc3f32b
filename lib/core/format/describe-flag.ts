import type { FlagRecord } from "../flight-record";
import { flagLabel } from "./flag-label";
import { formatAltitude } from "./format-altitude";
import { formatUtcHhMm, formatUtcMinute } from "./format-utc";
import { formatCount } from "./format-count";
import { formatLatLon } from "../flights/format-position";

/** A flag in plain words: a short label, one sentence a reader understands, and extra bullet lines. */
export interface FlagDescription {
  /** Same wording as {@link flagLabel}: "suspected switch-off" only when the coverage model suspected it. */
  label: string;
  /** Plain text, never HTML; no trailing full stop, so it reads in a table cell and in prose. */
  sentence: string;
  /** Reasons, the numbers behind them and the thresholds in force (from `flag.config`). */
  details: string[];
}

/**
 * Describe a stored flag from its evidence and thresholds (see lib/core/detection/detectors/*).
 * The wording never says more than the evidence: a gap the coverage model did not suspect is
 * "a gap", with the reason; an inferred endpoint says it was inferred. Evidence written by an
 * older rule version may lack fields: then the detector's own summary is used.
 * @example describeFlag(gapFlag).sentence // "ADS-B silent 47 min at FL350 while 12 other aircraft were received along its path"
 */
export function describeFlag(flag: FlagRecord): FlagDescription {
  const label = flagLabel({ kind: flag.kind, suspected: flag.evidence.suspected });
  const described = describeByKind(flag);
  return { label, sentence: described.sentence, details: [...described.details, `Rule version ${flag.ruleVersion}`] };
}

type Described = Omit<FlagDescription, "label">;
type Json = Record<string, unknown>;

function describeByKind(flag: FlagRecord): Described {
  switch (flag.kind) {
    case "TRANSPONDER_GAP":
      return describeGap(flag);
    case "CUBA_VENEZUELA":
      return describeCubaVenezuela(flag);
    case "UNSCHEDULED":
      return describeUnscheduled(flag);
    case "TYPE_OF_INTEREST":
      return describeTypeOfInterest(flag);
    case "ZONE_AVOIDANCE":
      return describeZoneAvoidance(flag);
    default:
      return { sentence: str(flag.evidence, "summary") ?? flagLabel(flag), details: [] };
  }
}

// ---------------------------------------------------------------- TRANSPONDER_GAP

function describeGap(flag: FlagRecord): Described {
  const e = flag.evidence;
  const cfg = flag.config;
  const suspected = e.suspected === true;
  const partial = e.partial === true;
  const open = e.open === true;
  const minutes = num(e, "minutes") ?? (flag.windowEndMs - flag.windowStartMs) / 60_000;
  const duration = formatDurationMin(minutes);
  const offPoint = obj(e.offPoint);
  const onPoint = obj(e.onPoint);
  const atAltitude = `at ${formatAltitude(num(offPoint, "altitudeFt"))}`;
  const offTime = hhmmUtc(flag.windowStartMs);
  const witnesses = num(e, "witnesses") ?? 0;

  let silence: string;
  if (partial && open) silence = `ADS-B positions stopped after ${offTime} (${atAltitude}) and did not resume before the end of the flight, ${duration}`;
  else if (partial) silence = `ADS-B positions stopped for ${duration} ${atAltitude}`;
  else if (open) silence = `${suspected ? "ADS-B silent" : "No positions"} after ${offTime} (last seen ${atAltitude}), the end of its track, for ${duration} until it was next received or the data ended`;
  else silence = suspected ? `ADS-B silent ${duration} ${atAltitude}` : `No positions for ${duration} ${atAltitude}`;

  let sentence: string;
  if (suspected) {
    sentence = partial
      ? `${silence} while ${plural(witnesses, "MLAT / Mode S position")} of the same aircraft continued: its transponder stayed on`
      : `${silence} while ${aircraftWere(witnesses)} received ${open ? "ahead along its last heading" : "along its path"}`;
  } else {
    const why = whyNotSuspected(e, cfg);
    sentence = `${silence}. ${why.text}, so this is ${why.coverage ? "a gap in coverage" : "a gap"}, not a suspected switch-off`;
  }
  return { sentence, details: gapDetails(flag, offPoint, onPoint, duration) };
}

/** The first failed criterion, in the order a reader checks them: reception first, then altitude and density. */
function whyNotSuspected(e: Json, cfg: Json): { text: string; coverage: boolean } {
  const partial = e.partial === true;
  const open = e.open === true;
  const witnesses = num(e, "witnesses") ?? 0;
  const cells = num(e, "cellsOnPath") ?? 0;
  const cellsWithReception = num(e, "cellsWithReception") ?? 0;
  const reasons = strs(e, "reasons");
  const path = open ? "its projected path" : "its path";

  if (partial) {
    const need = num(cfg, "minPartialPositions");
    if (need !== null && witnesses < need) {
      return { text: `Only ${plural(witnesses, "MLAT / Mode S position")} continued meanwhile (${need} needed)`, coverage: false };
    }
  } else {
    if (reasons.some((r) => r.startsWith("no coverage model"))) {
      return { text: "Reception of other aircraft along its path is unknown (no coverage model)", coverage: false };
    }
    const need = num(cfg, "minWitnesses");
    if (need !== null && witnesses < need) {
      const places = `${cellsWithReception} of ${plural(cells, "place")}`;
      return witnesses === 0
        ? { text: `Other aircraft were not received along ${path} either (${places})`, coverage: true }
        : { text: `Only ${aircraftWere(witnesses)} received along ${path} (${places}; ${need} needed), likely poor coverage`, coverage: true };
    }
    const share = num(cfg, "openMinCoveredFraction");
    if (open && share !== null && cells > 0 && cellsWithReception / cells < share) {
      return {
        text: `Other aircraft were received in only ${cellsWithReception} of ${plural(cells, "place")} ahead along its last heading: it may simply have flown out of the area the data covers`,
        coverage: true,
      };
    }
  }
  const minAltitudeFt = num(cfg, "minAltitudeFt");
  const altitudeFt = num(obj(e.offPoint), "altitudeFt");
  if (minAltitudeFt !== null && (altitudeFt === null || altitudeFt < minAltitudeFt)) {
    return { text: `It went silent at ${formatAltitude(altitudeFt)}, below ${formatAltitude(minAltitudeFt)}, where terrain and low-level coverage explain most silences`, coverage: true };
  }
  const before = num(e, "positionsBefore");
  const minBefore = num(cfg, "minPositionsBefore");
  const windowS = num(cfg, "densityWindowS");
  if (before !== null && minBefore !== null && before < minBefore) {
    const window = windowS === null ? "" : ` in the ${Math.round(windowS / 60)} min before`;
    return { text: `Only ${plural(before, "position")} ${before === 1 ? "was" : "were"} received${window} (${minBefore} needed): reception was already patchy`, coverage: true };
  }
  // Airport proximity and descent are only in the grading's words.
  const failed = reasons.find((r) => /^(descending at|went silent [\d,]+ km from)/.test(r));
  if (failed) return { text: capitalise(failed), coverage: false };
  return { text: "It did not meet every criterion for a suspected switch-off (see the grading)", coverage: false };
}

function gapDetails(flag: FlagRecord, offPoint: Json | null, onPoint: Json | null, duration: string): string[] {
  const e = flag.evidence;
  const cfg = flag.config;
  const partial = e.partial === true;
  const open = e.open === true;
  const out: string[] = [];
  out.push(open ? `From ${formatUtcMinute(flag.windowStartMs)} UTC, the end of the track, until the aircraft was next received or the data ended (${duration}, open gap)` : `${formatUtcMinute(flag.windowStartMs)}–${hhmmUtc(flag.windowEndMs)} (${duration})`);
  if (offPoint) out.push(`Last position before: ${describePoint(offPoint)}`);
  if (onPoint) out.push(`First position after: ${describePoint(onPoint)}`);
  const distanceKm = num(e, "distanceKm");
  const impliedSpeedKt = num(e, "impliedSpeedKt");
  if (distanceKm !== null) out.push(`${formatCount(Math.round(distanceKm))} km apart${impliedSpeedKt === null ? "" : `, ${formatCount(impliedSpeedKt)} kt implied across the gap`}`);
  if (partial) out.push(`ADS-B only: ${plural(num(e, "witnesses") ?? 0, "MLAT / Mode S position")} of the same aircraft continued during the silence`);
  else {
    const cells = num(e, "cellsOnPath") ?? 0;
    const withReception = num(e, "cellsWithReception") ?? 0;
    out.push(`Other aircraft received during the gap: ${num(e, "witnesses") ?? 0}, in ${withReception} of ${plural(cells, "place")} (1° cells) along ${open ? "its projected path" : "its path"}`);
    const addresses = strs(e, "witnessAddresses");
    if (addresses.length > 0) out.push(`Received meanwhile: ${listSome(addresses, 6)}`);
  }
  const before = num(e, "positionsBefore");
  if (before !== null) out.push(`${plural(before, partial ? "ADS-B position" : "position")} in the ${Math.round((num(cfg, "densityWindowS") ?? 600) / 60)} min before it went silent`);
  const confidence = num(e, "confidence");
  if (confidence !== null) out.push(`Confidence ${confidence.toFixed(2)} (0–1; suspected gaps score 0.5–1)`);
  for (const reason of strs(e, "reasons")) out.push(`Grading: ${reason}`);
  out.push(gapThresholds(cfg));
  return out;
}

function gapThresholds(cfg: Json): string {
  const v = (k: string) => num(cfg, k);
  const parts: string[] = [];
  if (v("minGapS") !== null) parts.push(`silences of ${Math.round(v("minGapS")! / 60)} min or more are recorded`);
  const suspectedIf: string[] = [];
  if (v("minAltitudeFt") !== null) suspectedIf.push(`at or above ${formatAltitude(v("minAltitudeFt"))}`);
  if (v("descentRateFpm") !== null) suspectedIf.push(`not descending faster than ${formatCount(Math.abs(v("descentRateFpm")!))} ft/min`);
  if (v("airportExclusionKm") !== null) suspectedIf.push(`more than ${v("airportExclusionKm")} km from any airport`);
  if (v("minPositionsBefore") !== null && v("densityWindowS") !== null) suspectedIf.push(`${v("minPositionsBefore")}+ positions in the ${Math.round(v("densityWindowS")! / 60)} min before`);
  if (v("minWitnesses") !== null) suspectedIf.push(`${v("minWitnesses")}+ other aircraft received along the path`);
  if (suspectedIf.length > 0) parts.push(`suspected only ${suspectedIf.join(", ")}`);
  if (v("openMinCoveredFraction") !== null) parts.push(`open gaps need reception in ${Math.round(v("openMinCoveredFraction")! * 100)} % of the places ahead`);
  if (v("minPartialPositions") !== null) parts.push(`ADS-B-only gaps need ${v("minPartialPositions")}+ MLAT / Mode S positions`);
  return `Thresholds: ${parts.join("; ") || "not recorded"}`;
}

function describePoint(p: Json): string {
  const parts: string[] = [];
  const iso = str(p, "time");
  if (iso) parts.push(`${iso.slice(11, 19)} UTC`);
  const latDeg = num(p, "latDeg");
  const lonDeg = num(p, "lonDeg");
  if (latDeg !== null && lonDeg !== null) parts.push(formatLatLon({ latDeg, lonDeg }));
  parts.push(formatAltitude(num(p, "altitudeFt")));
  const speedKt = num(p, "groundSpeedKt");
  if (speedKt !== null) parts.push(`${Math.round(speedKt)} kt`);
  return parts.join(", ");
}

// ---------------------------------------------------------------- CUBA_VENEZUELA

function describeCubaVenezuela(flag: FlagRecord): Described {
  const e = flag.evidence;
  const origin = obj(e.origin);
  const destination = obj(e.destination);
  const from = countryName(str(origin, "country"));
  const to = countryName(str(destination, "country"));
  if (!from || !to) return { sentence: str(e, "summary") ?? "Flew between the watched countries", details: [] };

  const byAirport = (x: Json | null) => str(x, "method") === "airport" && str(x, "airportIcao") !== null;
  let basis: string;
  if (e.basis === "airports" || (byAirport(origin) && byAirport(destination))) basis = `${str(origin, "airportIcao")} → ${str(destination, "airportIcao")}, from the airports`;
  else if (!byAirport(origin) && !byAirport(destination)) basis = "inferred from where the track starts and ends";
  else if (byAirport(origin)) basis = `origin ${str(origin, "airportIcao")} from the airport, destination inferred from where the track ends`;
  else basis = `origin inferred from where the track starts, destination ${str(destination, "airportIcao")} from the airport`;

  const details: string[] = [];
  if (origin) details.push(`Origin: ${str(origin, "explanation") ?? str(origin, "airportIcao") ?? from}`);
  if (destination) details.push(`Destination: ${str(destination, "explanation") ?? str(destination, "airportIcao") ?? to}`);
  const a = strs(flag.config, "countriesA");
  const b = strs(flag.config, "countriesB");
  if (a.length > 0 && b.length > 0) details.push(`Rule: a flight between ${a.map(countryOrCode).join(", ")} and ${b.map(countryOrCode).join(", ")}, either way`);
  return { sentence: `Flew ${from} → ${to} (${basis})`, details };
}

// ---------------------------------------------------------------- UNSCHEDULED

interface Candidate {
  callsign: string | null;
  route: string | null;
  days: string | null;
  departureUtc: string | null;
  validity: string | null;
  whyNot: string[];
}

function describeUnscheduled(flag: FlagRecord): Described {
  const e = flag.evidence;
  const callsign = str(e, "callsign");
  const checked = num(flag.config, "schedulesChecked");
  const candidates: Candidate[] = (Array.isArray(e.candidates) ? e.candidates : []).map((c) => ({
    callsign: str(c, "callsign"),
    route: str(c, "route"),
    days: str(c, "days"),
    departureUtc: str(c, "departureUtc"),
    validity: str(c, "validity"),
    whyNot: strs(c, "whyNot"),
  }));
  let sentence: string;
  if (!callsign) sentence = "No callsign was broadcast, so no published schedule can match it";
  else if (candidates.length === 0) sentence = `No published schedule matches ${callsign} on this route and day: no entry has this callsign or operator`;
  else sentence = `No published schedule matches ${callsign} on this route and day`;

  const details = candidates.map((c) => {
    const what = [c.callsign, c.route, c.days ? `on ${weekdayNames(c.days)}` : null, c.departureUtc ? `departing ${c.departureUtc} UTC` : null, c.validity ? `valid ${c.validity}` : null];
    return `Nearest: ${what.filter(Boolean).join(" ")}${c.whyNot.length > 0 ? `: ${c.whyNot.join("; ")}` : ""}`;
  });
  const because = strs(e, "evaluatedBecause");
  if (because.length > 0) details.push(`Checked because the flight is already flagged: ${because.map((k) => flagLabel({ kind: k })).join(", ")}`);
  const tolerance = num(flag.config, "departureToleranceMin");
  const rule = [tolerance === null ? null : `departure within ±${tolerance} min of the scheduled time`, checked === null ? null : `${plural(checked, "schedule entry", "schedule entries")} checked`];
  if (rule.some(Boolean)) details.push(`Thresholds: ${rule.filter(Boolean).join("; ")}`);
  return { sentence, details };
}

// ---------------------------------------------------------------- TYPE_OF_INTEREST

/** Common names of the designators the watchlist is about (ICAO Doc 8643 designators). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  IL76: "Il-76", IL96: "Il-96", IL62: "Il-62", IL18: "Il-18", A342: "A340-200", A343: "A340-300", A345: "A340-500", A346: "A340-600",
  T144: "Tu-144", T154: "Tu-154", T204: "Tu-204", T214: "Tu-214", A124: "An-124", AN12: "An-12", AN26: "An-26", AN72: "An-72", A225: "An-225",
};

function describeTypeOfInterest(flag: FlagRecord): Described {
  const e = flag.evidence;
  const typecode = str(e, "typecode");
  const registration = str(e, "registration");
  const operator = str(e, "operator");
  const icao24 = str(e, "icao24");
  const matchedBy = strs(e, "matchedBy");
  const warning = str(e, "identityWarning");

  const type = typecode ? (TYPE_NAMES[typecode.toUpperCase()] ? `${TYPE_NAMES[typecode.toUpperCase()]} (${typecode})` : typecode) : null;
  const who = [type, registration ?? (icao24 ? `address ${icao24}` : null)].filter(Boolean).join(" ") + (operator ? `, operator ${operator}` : "");
  const why = matchedBy.map((m) => (m.startsWith("type ") ? "type on the watchlist" : m.startsWith("address ") ? "aircraft address on the watchlist" : m));
  let sentence = `${who || "Aircraft"}: ${why.join("; ") || "on the watchlist"}`;
  if (warning) sentence += `. Identity warning: ${warning}`;

  const details: string[] = matchedBy.map((m) => `Matched: ${m}`);
  const source = str(e, "identitySource");
  details.push(`Identity from ${source ?? "an unknown source"}${icao24 ? ` for address ${icao24}` : ""}`);
  const addressCountry = str(obj(e.addressCountry), "name");
  const registrationCountry = str(obj(e.registrationCountry), "name");
  if (addressCountry) details.push(`Address block: ${addressCountry}`);
  if (registration) details.push(`Registration ${registration}: ${registrationCountry ?? "country unknown"}`);
  if (warning) details.push(`Identity warning: ${warning}`);
  const tags = strs(e, "tags");
  if (tags.length > 0) details.push(`Tags: ${tags.join(", ")}`);
  const types = strs(flag.config, "typecodes");
  const addresses = strs(flag.config, "icao24s");
  const watchedTags = strs(flag.config, "tags");
  details.push(`Watchlist: types ${types.join(", ") || "none"}; ${plural(addresses.length, "watched address", "watched addresses")}; tags ${watchedTags.join(", ") || "none"}`);
  return { sentence, details };
}

// ---------------------------------------------------------------- ZONE_AVOIDANCE

function describeZoneAvoidance(flag: FlagRecord): Described {
  const e = flag.evidence;
  const zone = str(e, "zone") ?? str(flag.config, "zone");
  const insideKm = num(e, "greatCircleInsideZoneKm");
  if (!zone || insideKm === null) return { sentence: str(e, "summary") ?? "Avoided a watched zone", details: [] };
  const zoneName = str(e, "zoneName");
  const route = obj(e.route);
  const from = str(obj(route?.from), "airportIcao") ?? "the first position";
  const to = str(obj(route?.to), "airportIcao") ?? "the last position";
  const offsetKm = num(e, "maxOffsetKm");
  const side = str(e, "side");
  const extraPct = num(e, "extraDistancePct");

  const around = [offsetKm === null ? null : `up to ${formatCount(offsetKm)} km ${side ?? "off"} of the direct route`, extraPct === null ? null : `${extraPct.toFixed(1)} % longer`].filter(Boolean);
  const sentence =
    `Stayed outside ${zoneName ? `${zoneName} (${zone})` : zone} although the direct route ${from} → ${to} crosses it for ${formatCount(insideKm)} km` +
    (around.length > 0 ? `: ${around.join(", ")}` : "");

  const details: string[] = [];
  const flown = strs(e, "flownFirSequence");
  const expected = strs(e, "expectedFirSequence");
  if (flown.length > 0) details.push(`FIRs flown: ${flown.join(" → ")}`);
  if (expected.length > 0) details.push(`FIRs along the direct route: ${expected.join(" → ")}`);
  const at = obj(e.maxOffsetAt);
  const atLat = num(at, "latDeg");
  const atLon = num(at, "lonDeg");
  if (atLat !== null && atLon !== null) details.push(`Farthest from the direct route at ${formatLatLon({ latDeg: atLat, lonDeg: atLon })}`);
  const greatCircleKm = num(e, "greatCircleKm");
  const coverage = num(e, "routeCoverage");
  if (greatCircleKm !== null) details.push(`Direct route ${formatCount(greatCircleKm)} km${coverage === null ? "" : `; the track covers ${Math.round(coverage * 100)} % of it`}`);
  details.push(`No position inside ${zone}, and no transponder gap whose straight path crosses it`);
  const cfg = flag.config;
  const minCrossingKm = num(cfg, "minCrossingKm");
  const minCoverage = num(cfg, "minRouteCoverage");
  const stepKm = num(cfg, "stepKm");
  const rule = [
    minCrossingKm === null ? null : `the direct route runs ${minCrossingKm}+ km through the zone`,
    minCoverage === null ? null : `the track covers ${Math.round(minCoverage * 100)} %+ of the route`,
    stepKm === null ? null : `sampled every ${stepKm} km`,
  ].filter(Boolean);
  if (rule.length > 0) details.push(`Thresholds: ${rule.join("; ")}`);
  return { sentence, details };
}

// ---------------------------------------------------------------- small words

const REGION_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

function countryName(code: string | null): string | null {
  return code ? countryOrCode(code) : null;
}

function countryOrCode(code: string): string {
  try {
    return REGION_NAMES.of(code.toUpperCase()) ?? code;
  } catch {
    return code; // not a region code Intl knows
  }
}

const WEEKDAYS = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const weekdayNames = (digits: string) => [...digits].map((d) => WEEKDAYS[Number(d)] ?? d).join(", ");

/** 47 → "47 min", 72 → "1 h 12 min", 120 → "2 h". */
function formatDurationMin(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const hhmmUtc = (ms: number) => `${formatUtcHhMm(ms)} UTC`;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "12 other aircraft were", "1 other aircraft was". */
function aircraftWere(n: number): string {
  return `${formatCount(n)} other aircraft ${n === 1 ? "was" : "were"}`;
}

function listSome(items: string[], max: number): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function obj(v: unknown): Json | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null;
}

function str(o: unknown, key: string): string | null {
  const v = obj(o)?.[key];
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

function num(o: unknown, key: string): number | null {
  const v = obj(o)?.[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function strs(o: unknown, key: string): string[] {
  const v = obj(o)?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
