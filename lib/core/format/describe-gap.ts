import type { FlagRecord } from "../flight-record";
import type { GapReasonCode } from "../model/gap-event";
import { transponderGapEvidenceSchema, type TransponderGapEvidence } from "../model/evidence/transponder-gap-evidence";
import { formatAltitude } from "./format-altitude";
import { formatCount } from "./format-count";
import { formatUtcMinute } from "./format-utc";
import { formatLatLon } from "./format-position";
import { aircraftWere, formatChance, formatDurationMin, hhmmUtc, listSome, numberAt, plural } from "./plain-words";

export interface GapDescription {
  sentence: string;
  details: string[];
}

/**
 * A TRANSPONDER_GAP flag in plain words, made from its typed evidence: the grading's reason codes
 * and the numbers behind them (expected versus received along the path, the other aircraft
 * received meanwhile). "Suspected switch-off" only when the grading suspected it; otherwise the
 * first failed criterion in the order a reader checks them says why it is only a gap. Evidence
 * from an older rule version falls back to its stored summary.
 * @example describeGap(flag).sentence // "ADS-B silent 45 min at FL350: at the reception measured here over 7 days, about 140 positions were expected along its path; none arrived, while 6 other aircraft were received there during the silence"
 */
export function describeGap(flag: FlagRecord): GapDescription {
  const parsed = transponderGapEvidenceSchema.safeParse(flag.evidence);
  if (!parsed.success) {
    const summary = typeof flag.evidence.summary === "string" ? flag.evidence.summary : "a silence recorded by an older rule version";
    return { sentence: summary, details: [] };
  }
  const e = parsed.data;
  const duration = formatDurationMin(e.minutes);
  const at = `at ${formatAltitude(e.offPoint.altitudeFt)}`;
  const offTime = hhmmUtc(flag.windowStartMs);
  const days = `${formatCount(e.historyDays)} days`;
  const expected = `about ${formatCount(Math.round(e.expectedPositions))} positions were expected`;

  let sentence: string;
  if (e.suspected && e.partial) {
    sentence = `ADS-B positions stopped for ${duration} ${at} while ${plural(e.witnesses, "MLAT / Mode S position")} of the same aircraft continued: its transponder stayed on`;
  } else if (e.suspected && e.open) {
    sentence = `ADS-B silent after ${offTime} (last seen ${at}), the end of its track: at the reception measured ahead of it over ${days}, ${expected} along its heading; none arrived, ${meanwhile(e)}`;
  } else if (e.suspected) {
    sentence = `ADS-B silent ${duration} ${at}: at the reception measured here over ${days}, ${expected} along its path; none arrived, ${meanwhile(e)}`;
  } else {
    const silence = e.partial ? `ADS-B positions stopped for ${duration} ${at}` : e.open ? `No positions after ${offTime} (last seen ${at}), the end of its track` : `No positions for ${duration} ${at}`;
    sentence = `${silence}. ${whyOnlyAGap(e, flag.config)}, so this is a gap, not a suspected switch-off`;
  }
  return { sentence, details: details(flag, e, duration) };
}

/** What the other aircraft did during a suspected silence. */
function meanwhile(e: TransponderGapEvidence): string {
  return e.witnesses > 0
    ? `while ${aircraftWere(e.witnesses)} received there during the silence`
    : "and no other aircraft there went quiet at the same time (none flew there meanwhile)";
}

/** The reading order of the criteria: reception first, then the aircraft's own state. */
const READING_ORDER: GapReasonCode[] = [
  "STRAIGHT_PATH",
  "MAP_KNOWS_PATH",
  "MAP_EXPECTS_RECEPTION",
  "OTHERS_NOT_QUIET",
  "CROSSINGS_HEARD_THEN",
  "OTHERS_RECEIVED",
  "FEED_ALIVE",
  "OTHER_SOURCES_CONTINUED",
  "ALTITUDE",
  "DENSE_BEFORE",
  "NOT_DESCENDING",
  "AWAY_FROM_AIRPORTS",
];

function whyOnlyAGap(e: TransponderGapEvidence, cfg: Record<string, unknown>): string {
  const failed = new Set(e.reasons.filter((r) => !r.passed).map((r) => r.code));
  const first = READING_ORDER.find((code) => failed.has(code));
  return first ? words(first, false, e, cfg) : "It did not meet every criterion for a suspected switch-off";
}

/** One criterion in words, met or not. */
function words(code: GapReasonCode, passed: boolean, e: TransponderGapEvidence, cfg: Record<string, unknown>): string {
  const path = e.open ? "ahead along its heading" : "along its path";
  switch (code) {
    case "STRAIGHT_PATH":
      return passed
        ? "It covered the distance at its own speed: it flew the straight line between where it was lost and found"
        : `It covered only ${formatCount(Math.round(e.distanceKm ?? 0))} km in ${formatDurationMin(e.minutes)} (${formatCount(e.impliedSpeedKt ?? 0)} kt, against ${formatCount(Math.round(e.offPoint.groundSpeedKt ?? 0))} kt before): it flew elsewhere, so its path and the reception along it are unknown`;
    case "MAP_KNOWS_PATH":
      return passed
        ? `Other aircraft have been received ${path} before (the reception there is known)`
        : `No aircraft was ever received ${path} here: the reception there is unknown (open sea, or beyond the area the data covers)`;
    case "MAP_EXPECTS_RECEPTION": {
      const measured = `At the reception measured ${path} over ${formatCount(e.historyDays)} days`;
      const expected = Math.round(e.expectedPositions);
      if (passed) return `${measured}, about ${formatCount(expected)} positions were expected; the chance of hearing none was ${formatChance(e.chanceOfNone)}`;
      // Two conditions: enough positions expected to judge by, and silence unlikely. Say which failed.
      const minExpected = numberAt(cfg, "minExpectedPositions");
      const maxChance = numberAt(cfg, "maxChanceOfNone");
      if (minExpected !== null && e.expectedPositions < minExpected) {
        // Rounded down: 19.6 against 20 needed must not read "about 20 (20 needed)".
        return `${measured}, only about ${formatCount(Math.floor(e.expectedPositions))} positions were expected (${formatCount(minExpected)} needed to judge a silence by the map): too few to tell a switch-off from a gap in coverage`;
      }
      return `${measured}, about ${formatCount(expected)} positions were expected, but hearing none had a chance of ${formatChance(e.chanceOfNone)}${maxChance === null ? "" : ` (${formatChance(maxChance)} at most counts as unlikely)`}: coverage there is patchy`;
    }
    case "OTHERS_NOT_QUIET":
      return passed
        ? e.quietAircraft > 0
          ? `${aircraftWere(e.quietAircraft)} heard next to its path before and after only, fewer than were received during it`
          : "No other aircraft heard next to its path went quiet at the same time"
        : `${aircraftWere(e.quietAircraft)} heard next to its path just before and after it, and not during it: a receiver or feed outage, not the aircraft`;
    case "OTHERS_RECEIVED":
      return passed
        ? e.witnesses > 0
          ? `${aircraftWere(e.witnesses)} received ${path} during the silence: the receivers were working`
          : `No other aircraft flew ${path} during the silence (none is required: the reception map decides)`
        : `No other aircraft was received ${path} during the silence: a receiver or feed outage cannot be ruled out`;
    case "CROSSINGS_HEARD_THEN":
      return passed
        ? `Other aircraft crossing those places in the hours around it were heard (${formatCount(e.crossingsHeardThen)} crossings heard, ${formatCount(e.crossingsUnheardThen)} not)`
        : `Other aircraft crossing those places in the hours around it went unheard too (${formatCount(e.crossingsUnheardThen)} crossings unheard, ${formatCount(e.crossingsHeardThen)} heard): the receivers there were down, not necessarily the aircraft`;
    case "FEED_ALIVE":
      return passed
        ? e.aliveAircraft > 0
          ? `${aliveAtLeast(e.aliveAircraft, cfg)}${aircraftWere(e.aliveAircraft)} received in the region around it (${numberAt(cfg, "aliveRadiusKm") ?? "a few hundred"} km) during the silence: the feed was up`
          : "No other traffic was received in the region before or during the silence: nothing shows an outage"
        : `No aircraft at all was received within ${numberAt(cfg, "aliveRadiusKm") ?? "a few hundred"} km during the silence: the data feed or the receivers were down, not necessarily the aircraft`;
    case "OTHER_SOURCES_CONTINUED":
      return passed
        ? `${plural(e.witnesses, "MLAT / Mode S position")} of the same aircraft continued during the ADS-B silence: transponder on, ADS-B Out off`
        : `Only ${plural(e.witnesses, "MLAT / Mode S position")} continued meanwhile (${numberAt(cfg, "minPartialPositions") ?? "more"} needed)`;
    case "ALTITUDE":
      return passed
        ? `It went silent at altitude, ${formatAltitude(e.offPoint.altitudeFt)}`
        : `It went silent at ${formatAltitude(e.offPoint.altitudeFt)}, below ${formatAltitude(numberAt(cfg, "minAltitudeFt"))}, where terrain and low-level coverage explain most silences`;
    case "DENSE_BEFORE": {
      const windowMin = Math.round((numberAt(cfg, "densityWindowS") ?? 600) / 60);
      // ADS-B positions only: MLAT and positions of unknown source (a file without a source column) do not count.
      return passed
        ? `${plural(e.positionsBefore, "ADS-B position")} in the ${windowMin} min before: it was being received well`
        : `Only ${plural(e.positionsBefore, "ADS-B position")} in the ${windowMin} min before (${numberAt(cfg, "minPositionsBefore") ?? "more"} needed; positions placed by MLAT or of unknown source do not count): too little to say it was being received well`;
    }
    case "NOT_DESCENDING":
      return passed ? "It was not descending" : "It was descending when it went silent: consistent with an approach below coverage";
    case "AWAY_FROM_AIRPORTS":
      return passed
        ? `No airport within ${numberAt(cfg, "airportExclusionKm") ?? "a few tens of"} km of where it went silent`
        : `It went silent within ${numberAt(cfg, "airportExclusionKm") ?? "a few tens of"} km of an airport, where arrivals and departures drop below coverage`;
  }
}

function details(flag: FlagRecord, e: TransponderGapEvidence, duration: string): string[] {
  const cfg = flag.config;
  const out: string[] = [];
  out.push(
    e.open
      ? `From ${formatUtcMinute(flag.windowStartMs)} UTC, the end of the track, until the aircraft was next received or the data ended (${duration}, open gap)`
      : `${formatUtcMinute(flag.windowStartMs)}–${hhmmUtc(flag.windowEndMs)} (${duration})`,
  );
  out.push(`Last position before: ${describePoint(e.offPoint)}`);
  if (e.onPoint) out.push(`First position after: ${describePoint(e.onPoint)}`);
  if (e.distanceKm !== null) out.push(`${formatCount(Math.round(e.distanceKm))} km apart${e.impliedSpeedKt === null ? "" : `, ${formatCount(e.impliedSpeedKt)} kt implied across the gap`}`);
  if (e.partial) out.push(`ADS-B only: ${plural(e.witnesses, "MLAT / Mode S position")} of the same aircraft continued during the silence`);
  else {
    const known = e.pathCells.filter((c) => c.receptionRate !== null).length;
    const sampling = e.ownIntervalS === null ? "its ADS-B sampling unknown (assumed sparse)" : `one position every ${e.ownIntervalS} s before it went silent`;
    out.push(
      `Reception map, ${bandName(e.band, cfg)}, ${formatCount(e.historyDays)} days around the silence: ${known} of ${plural(e.pathCells.length, "cell")} ${e.open ? "ahead of it" : "inside its path"} known; ` +
        `about ${formatCount(Math.round(e.expectedPositions))} positions expected at ${sampling}; chance of hearing none ${formatChance(e.chanceOfNone)}`,
    );
    out.push(`Other aircraft received there during the silence: ${formatCount(e.witnesses)}${e.witnessAddresses.length > 0 ? ` (${listSome(e.witnessAddresses, 6)})` : ""}`);
    if (e.quietAircraft > 0) out.push(`Heard next to its path just before and after, but not during it: ${formatCount(e.quietAircraft)}`);
  }
  out.push(`Confidence ${e.confidence.toFixed(2)} (0–1; suspected gaps score 0.5–1)`);
  for (const reason of e.reasons) out.push(`${reason.passed ? "✓" : "✗"} ${words(reason.code, reason.passed, e, cfg)}`);
  out.push(thresholds(cfg));
  return out;
}

function bandName(band: number, cfg: Record<string, unknown>): string {
  const reception = cfg.reception as { bandFloorsFt?: unknown } | undefined;
  const floors = Array.isArray(reception?.bandFloorsFt) ? (reception.bandFloorsFt as number[]) : [];
  const low = band === 0 ? null : floors[band - 1];
  const high = floors[band];
  if (low === undefined || (low === null && high === undefined)) return "all altitudes";
  if (low === null) return `below ${formatAltitude(high ?? null)}`;
  return high === undefined ? `${formatAltitude(low)} and above` : `${formatAltitude(low)}–${formatAltitude(high)}`;
}

function thresholds(cfg: Record<string, unknown>): string {
  const v = (k: string) => numberAt(cfg, k);
  const parts: string[] = [];
  if (v("minGapS") !== null) parts.push(`silences of ${Math.round(v("minGapS")! / 60)} min or more are recorded`);
  const suspectedIf = [
    v("minAltitudeFt") === null ? null : `at or above ${formatAltitude(v("minAltitudeFt"))}`,
    v("airportExclusionKm") === null
      ? null
      : `more than ${v("airportExclusionKm")} km from any airport${v("airportExclusionMaxHeightFt") === null ? "" : ` (or ${formatAltitude(v("airportExclusionMaxHeightFt"))} above it)`}`,
    v("minPositionsBefore") === null ? null : `${v("minPositionsBefore")}+ ADS-B positions in the ${Math.round((v("densityWindowS") ?? 600) / 60)} min before`,
    v("minExpectedPositions") === null ? null : `${v("minExpectedPositions")}+ positions expected along the path with a chance of hearing none of ${formatChance(v("maxChanceOfNone") ?? 0)} at most`,
    v("minWitnesses") === null ? null : `${v("minWitnesses") ? `${v("minWitnesses")}+ other aircraft received there during the silence and ` : ""}no more other aircraft gone quiet there than received`,
  ].filter((x): x is string => x !== null);
  if (suspectedIf.length > 0) parts.push(`suspected only ${suspectedIf.join(", ")}`);
  if (v("minPartialPositions") !== null) parts.push(`ADS-B-only gaps need ${v("minPartialPositions")}+ MLAT / Mode S positions`);
  const reception = cfg.reception as Record<string, unknown> | undefined;
  if (reception && numberAt(reception, "cellDeg") !== null) parts.push(`reception map in ${numberAt(reception, "cellDeg")}° cells, hourly`);
  return `Thresholds: ${parts.join("; ") || "not recorded"}`;
}

function describePoint(p: TransponderGapEvidence["offPoint"]): string {
  const parts = [`${p.time.slice(11, 19)} UTC`, formatLatLon({ latDeg: p.latDeg, lonDeg: p.lonDeg }), formatAltitude(p.altitudeFt)];
  if (p.groundSpeedKt !== null) parts.push(`${Math.round(p.groundSpeedKt)} kt`);
  return parts.join(", ");
}

/** The count stops at the configured cap (detection-config.ts): at the cap there may have been more. */
function aliveAtLeast(count: number, cfg: Record<string, unknown>): string {
  const cap = numberAt(cfg, "aliveCountCap");
  return cap !== null && count >= cap ? "At least " : "";
}
