import type { WatchMatch } from "../model/watchlist";
import { formatAltitude } from "../format/format-altitude";
import { formatCount } from "../format/format-count";
import { formatLatLon } from "../format/format-position";
import { formatUtc, formatUtcMinute } from "../format/format-utc";
import { formatDurationMin, hhmmUtc, listSome, plural } from "../format/plain-words";

/**
 * Alert summaries in plain words: one sentence an analyst reads in a notification, made from
 * typed inputs, plain text (webhook-payload.ts escapes it per format). Like the flag
 * descriptions, the words never say more than the evidence: "switch-off" only when the grading
 * suspected one.
 */

/** Who the aircraft is. Callsigns arrive space-padded from ADS-B; blanks count as unknown. */
export interface AlertAircraft {
  icao24: string;
  registration: string | null;
  typecode: string | null;
  callsign: string | null;
}

/** `placeName` reads after "over" ("the Caribbean Sea"); without one the coordinates are given. */
export interface AlertPlace {
  latDeg: number;
  lonDeg: number;
  placeName?: string | null;
}

export interface DarkAlertInput extends AlertAircraft {
  /** The grading's verdict (GapEvent.suspected): only then is the silence called a suspected switch-off. */
  suspected: boolean;
  /** ADS-B stopped while the aircraft's own MLAT / Mode S positions continued (GapEvent.partial). */
  partial?: boolean;
  offAltitudeFt: number | null;
  offLatDeg: number;
  offLonDeg: number;
  offTimeMs: number;
  /** Stream time now, epoch ms. */
  nowMs: number;
  /** Positions the reception map expected along the silent path since the off time. */
  expectedPositions: number;
  /** Other aircraft received along the silent path since (for a partial gap: the aircraft's own MLAT / Mode S positions). */
  witnessCount: number;
  placeName?: string | null;
}

export type { WatchMatch } from "../model/watchlist";

export interface SeenAlertInput extends AlertAircraft, AlertPlace {
  altitudeFt: number | null;
  /** Time of the position, epoch ms. */
  atMs: number;
  watchedBy: WatchMatch[];
}

/** An end of the flight: an airport name, its ICAO code, or both; neither when unknown. */
export interface AlertEndpoint {
  name: string | null;
  icao: string | null;
}

export interface CubaVenezuelaAlertInput extends AlertAircraft {
  origin: AlertEndpoint;
  destination: AlertEndpoint;
  /** Whether a published schedule matches; null when no schedule was checked. */
  scheduled: boolean | null;
}

export interface DetourAlertInput extends AlertAircraft {
  zoneName: string;
  /** Farthest distance from the direct route, km; null when not known yet. */
  crossTrackOffsetKm: number | null;
}

export interface SpoofingAlertInput extends AlertAircraft {
  /** What the reported positions did: "frozen", "teleported", "stationary", or another word. */
  stretchKind: string;
  durationS: number;
}

export type AlertDescriptionInput =
  | ({ rule: "dark" } & DarkAlertInput)
  | ({ rule: "seen" } & SeenAlertInput)
  | ({ rule: "cuba-venezuela" } & CubaVenezuelaAlertInput)
  | ({ rule: "detour" } & DetourAlertInput)
  | ({ rule: "spoofing" } & SpoofingAlertInput);

/** The summary of any alert, by rule. */
export function describeAlert(input: AlertDescriptionInput): string {
  switch (input.rule) {
    case "dark":
      return describeDarkAlert(input);
    case "seen":
      return describeSeenAlert(input);
    case "cuba-venezuela":
      return describeCubaVenezuelaAlert(input);
    case "detour":
      return describeDetourAlert(input);
    case "spoofing":
      return describeSpoofingAlert(input);
  }
}

/**
 * @example describeAlertAircraft({ icao24: "0b04e2", registration: "CU-T1250", typecode: "IL96", callsign: "CUB1234 " })
 * // "CU-T1250 (IL96, callsign CUB1234)"
 */
export function describeAlertAircraft(a: AlertAircraft): string {
  const registration = blankToNull(a.registration);
  const callsign = blankToNull(a.callsign);
  const sameAsRegistration = callsign !== null && registration !== null && compact(callsign) === compact(registration);
  const extras = [blankToNull(a.typecode), callsign && !sameAsRegistration ? `callsign ${callsign}` : null].filter((x) => x !== null);
  const who = registration ?? `aircraft ${a.icao24}`;
  return extras.length > 0 ? `${who} (${extras.join(", ")})` : who;
}

/**
 * A silence on the live stream. Suspected: says what the reception map expected and who else is
 * being received, then "suspected transponder switch-off". Not suspected: a gap, in those words.
 * @example describeDarkAlert(cubana) // "CU-T1250 (IL96, callsign CUB1234) went silent at FL330 over the Caribbean Sea 6 min ago (20:14 UTC); the reception map expected about 140 positions there since and 5 other aircraft are being received nearby: suspected transponder switch-off."
 */
export function describeDarkAlert(d: DarkAlertInput): string {
  const who = describeAlertAircraft(d);
  const where = `${altitudePhrase(d.offAltitudeFt)} ${placePhrase({ latDeg: d.offLatDeg, lonDeg: d.offLonDeg, placeName: d.placeName })}`;
  const when = `${agoPhrase(d.offTimeMs, d.nowMs)} (${clockPhrase(d.offTimeMs, d.nowMs)})`;
  if (!d.suspected) {
    return `${who} has not been received since ${clockPhrase(d.offTimeMs, d.nowMs)} (${agoPhrase(d.offTimeMs, d.nowMs)}), last ${where}: a gap, not a suspected switch-off (the grading did not find the evidence for one).`;
  }
  if (d.partial) {
    return `${who} stopped sending ADS-B positions ${where} ${when} while ${plural(d.witnessCount, "MLAT / Mode S position")} of the same aircraft have arrived since: suspected ADS-B switch-off, its transponder stayed on.`;
  }
  const expected = `the reception map expected about ${plural(Math.round(d.expectedPositions), "position")} there since`;
  const others =
    d.witnessCount > 0
      ? `${formatCount(d.witnessCount)} other aircraft ${d.witnessCount === 1 ? "is" : "are"} being received nearby`
      : "no other aircraft has flown there since to compare";
  return `${who} went silent ${where} ${when}; ${expected} and ${others}: suspected transponder switch-off.`;
}

/** @example describeSeenAlert(x) // "CU-T1250 (IL96, callsign CUB1234) seen at FL330 over the Caribbean Sea at 20:14 UTC: type IL96 is on the watchlist." */
export function describeSeenAlert(s: SeenAlertInput): string {
  const why = s.watchedBy.map(watchWords);
  const reason = why.length > 0 ? `${listSome(why, 3)} ${why.length === 1 ? "is" : "are"} on the watchlist` : "on the watchlist";
  return `${describeAlertAircraft(s)} seen ${altitudePhrase(s.altitudeFt)} ${placePhrase(s)} at ${hhmmUtc(s.atMs)}: ${reason}.`;
}

/** @example describeCubaVenezuelaAlert(x) // "CU-T1250 (IL96) is flying José Martí (MUHA) → Maiquetía (SVMI), a new Cuba–Venezuela flight; no published schedule matches it." */
export function describeCubaVenezuelaAlert(c: CubaVenezuelaAlertInput): string {
  const schedule =
    c.scheduled === null ? "schedules not checked" : c.scheduled ? "it matches a published schedule" : "no published schedule matches it";
  return `${describeAlertAircraft(c)} is flying ${endpointWords(c.origin)} → ${endpointWords(c.destination)}, a new Cuba–Venezuela flight; ${schedule}.`;
}

/** @example describeDetourAlert(x) // "CU-T1250 (IL96) is flying around Venezuela FIR, a watched zone its direct route crosses, up to 120 km off that route." */
export function describeDetourAlert(d: DetourAlertInput): string {
  const offset = d.crossTrackOffsetKm === null ? "" : `, up to ${formatCount(Math.round(d.crossTrackOffsetKm))} km off that route`;
  return `${describeAlertAircraft(d)} is flying around ${d.zoneName}, a watched zone its direct route crosses${offset}.`;
}

/** @example describeSpoofingAlert(x) // "CU-T1250 (IL96): for 12 min its reported position froze while it flew on: suspected position spoofing or a corrupt feed, not a silence." */
export function describeSpoofingAlert(s: SpoofingAlertInput): string {
  const what = SPOOF_WORDS[s.stretchKind.trim().toLowerCase()] ?? `its reported positions were ${s.stretchKind.trim() || "impossible to fly"}`;
  return `${describeAlertAircraft(s)}: for ${formatDurationMin(s.durationS / 60)} ${what}: suspected position spoofing or a corrupt feed, not a silence.`;
}

const SPOOF_WORDS: Readonly<Record<string, string>> = {
  frozen: "its reported position froze while it flew on",
  teleported: "its reported position jumped farther than any aircraft flies",
  stationary: "its reported position hung still at altitude",
};

function watchWords(m: WatchMatch): string {
  if (m.kind === "TYPECODE") return `type ${m.value}`;
  if (m.kind === "ICAO24") return `address ${m.value}`;
  return `tag “${m.value}”`;
}

function endpointWords(e: AlertEndpoint): string {
  const name = blankToNull(e.name);
  const icao = blankToNull(e.icao);
  if (name && icao) return `${name} (${icao})`;
  return name ?? icao ?? "an unknown airport";
}

function altitudePhrase(altitudeFt: number | null): string {
  return altitudeFt === null || !Number.isFinite(altitudeFt) ? "at an unknown altitude" : `at ${formatAltitude(altitudeFt)}`;
}

function placePhrase(p: AlertPlace): string {
  const name = blankToNull(p.placeName ?? null);
  return name ? `over ${name}` : `near ${formatLatLon(p)}`;
}

/** "6 min ago"; under a minute (or a stream time before the off time) is "just now". */
function agoPhrase(thenMs: number, nowMs: number): string {
  const minutes = Math.floor((nowMs - thenMs) / 60_000);
  return minutes < 1 ? "just now" : `${formatDurationMin(minutes)} ago`;
}

/** "20:14 UTC" on the same UTC day as now, the full date otherwise. */
function clockPhrase(thenMs: number, nowMs: number): string {
  return formatUtcMinute(thenMs).slice(0, 10) === formatUtcMinute(nowMs).slice(0, 10) ? hhmmUtc(thenMs) : formatUtc(thenMs);
}

function blankToNull(s: string | null): string | null {
  const t = s?.trim() ?? "";
  return t === "" ? null : t;
}

const compact = (s: string) => s.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
