import { strToU8, zipSync, type Zippable } from "fflate";
import type { AuditRecord, FlightRecord, NoteRecord, ReviewRecord, TrackPositionRecord } from "../flight-record";
import { describeFlag } from "../format/describe-flag";
import { formatCount } from "../format/format-count";
import { trackCsv } from "./track-csv";
import { flagsCsv } from "./flags-csv";
import { trackGeoJson } from "./track-geojson";
import { trackKml } from "./track-kml";
import { isoUtc } from "../format/format-utc";

export interface CaseFileInput {
  flight: FlightRecord;
  positions: readonly TrackPositionRecord[];
  /** null when nobody has reviewed the flight yet (written as status NEW). */
  review: ReviewRecord | null;
  notes: readonly NoteRecord[];
  /** The flight's audit trail, oldest first. */
  audit: readonly AuditRecord[];
  /** When the case file is made: the core reads no clock. */
  generatedAtMs: number;
}

/** The files of a case file, in the order they are zipped and described in README.txt. */
export const CASE_FILE_NAMES = [
  "README.txt",
  "track.csv",
  "track.geojson",
  "track.kml",
  "flags.csv",
  "flags.json",
  "flight.json",
  "notes.json",
  "review.json",
  "rule-versions.json",
] as const;

/**
 * Everything about one flight that an editor, a lawyer or another analyst needs to check a
 * finding, as one ZIP: the full track in three formats, each flag with its evidence, thresholds
 * and rule version, the notes, the review with its audit trail, and a README that says what each
 * file is and what a gap does and does not prove. Same input, same bytes.
 */
export function caseFileZip(input: CaseFileInput): Uint8Array {
  const { flight, positions, review, notes, audit, generatedAtMs } = input;
  const ruleVersions = [...new Set(flight.flags.map((f) => f.ruleVersion))].sort();
  const files: Record<(typeof CASE_FILE_NAMES)[number], string> = {
    "README.txt": readme(input, ruleVersions),
    "track.csv": trackCsv(flight, positions),
    "track.geojson": json(trackGeoJson(flight, positions)),
    "track.kml": trackKml(flight, positions),
    "flags.csv": flagsCsv(flight),
    "flags.json": json(
      flight.flags.map((f) => {
        const d = describeFlag(f);
        return {
          kind: f.kind,
          label: d.label,
          sentence: d.sentence,
          details: d.details,
          window: { start: isoUtc(f.windowStartMs), end: isoUtc(f.windowEndMs) },
          ruleVersion: f.ruleVersion,
          config: f.config,
          evidence: f.evidence,
        };
      }),
    ),
    "flight.json": json(flightSummary(flight)),
    "notes.json": json(notes.map((n) => ({ id: n.id, author: n.authorEmail, createdAt: isoUtc(n.createdAtMs), body: n.body }))),
    "review.json": json({
      status: review?.status ?? "NEW",
      assignee: review?.assigneeEmail ?? null,
      published: review?.published ?? false,
      publishedAt: review?.publishedAtMs == null ? null : isoUtc(review.publishedAtMs),
      audit: audit.map((a) => ({ at: isoUtc(a.atMs), actor: a.actorEmail, action: a.action, details: a.details })),
    }),
    "rule-versions.json": json({ detectorVersion: flight.detectorVersion, ruleVersions }),
  };
  const mtime = zipTime(generatedAtMs);
  const entries: Zippable = {};
  for (const name of CASE_FILE_NAMES) entries[name] = [strToU8(files[name]), { mtime }];
  return zipSync(entries, { level: 6 });
}

function flightSummary(f: FlightRecord) {
  return {
    key: f.key,
    icao24: f.icao24,
    callsign: f.callsign,
    firstSeen: isoUtc(f.firstSeenMs),
    lastSeen: isoUtc(f.lastSeenMs),
    origin: f.origin,
    destination: f.destination,
    distanceKm: f.distanceKm,
    maxAltitudeFt: f.maxAltitudeFt,
    positionCount: f.positionCount,
    firSequence: f.firSequence,
    score: f.score,
    detectorVersion: f.detectorVersion,
    aircraft: f.aircraft,
    gaps: f.gaps.map((g) => ({
      ...g,
      offTime: isoUtc(g.offTimeMs),
      onTime: g.onTimeMs === null ? null : isoUtc(g.onTimeMs),
    })),
  };
}

function readme(input: CaseFileInput, ruleVersions: readonly string[]): string {
  const { flight: f, positions, generatedAtMs } = input;
  const name = f.callsign?.trim() || "no callsign";
  const endpoint = (e: FlightRecord["origin"]) => `${e.airportIcao ?? e.country ?? "unknown"}${e.inferred ? " (inferred from the track)" : ""}`;
  const flagLines = f.flags.length === 0 ? ["  none"] : f.flags.map((x) => {
    const d = describeFlag(x);
    return `  - ${d.label}: ${d.sentence}`;
  });
  return [
    `darkflight case file: ${name}, aircraft ${f.icao24}, flight ${f.key}`,
    `Generated ${isoUtc(generatedAtMs)}. All times are UTC.`,
    `Detector version ${f.detectorVersion}; rules ${ruleVersions.join(", ") || "none"}.`,
    "",
    `Flight: ${isoUtc(f.firstSeenMs)} to ${isoUtc(f.lastSeenMs)}, ${endpoint(f.origin)} → ${endpoint(f.destination)}, ` +
      `${formatCount(positions.length)} positions, score ${f.score.toFixed(2)}.`,
    "",
    "Flags:",
    ...flagLines,
    "",
    "Files:",
    "  track.csv           every received position, one row each, never thinned (altitude ft, speed kt, rate ft/min).",
    "                      Text cells a spreadsheet would run as a formula (= + - @) start with a ' so they stay text.",
    "  track.geojson       RFC 7946: the observed track split at gaps ([lon, lat, altitude m], 2D where the altitude is",
    "                      unknown), each gap's great circle marked observed: false, and the positions around each gap.",
    "  track.kml           the same for Google Earth; gap lines are named \"(not observed)\".",
    "  flags.csv           the flags in plain words.",
    "  flags.json          each flag with its evidence, the thresholds in force (config) and its rule version, so it can be",
    "                      reproduced.",
    "  flight.json         the flight: endpoints and how they were established, FIRs flown, gaps with their grading.",
    "  notes.json          analysts' notes.",
    "  review.json         review status, assignee, publication, and the audit trail (oldest first).",
    "  rule-versions.json  the rule versions behind these flags and the detector version.",
    "",
    "What a gap means:",
    "  A gap is a time when no position of this aircraft was received. It is not proof that the transponder was",
    "  switched off: receivers may simply not cover the area, and aircraft leave coverage over sea and near the",
    "  ground. darkflight calls a gap a \"suspected switch-off\" only when the aircraft went silent at altitude, away",
    "  from airports, after being received well, where the receivers have heard other aircraft so well that silence",
    "  was very unlikely, and nothing shows the receivers or the feed down at the time (or, when only ADS-B stopped,",
    "  its own MLAT / Mode S positions continued). flags.json holds each criterion. Even then it is a suspicion to",
    "  check, not a finding. A gap's line is a straight great circle between the last and the next position: the",
    "  aircraft need not have flown it. Endpoints marked \"inferred\" were read from where the track starts or ends,",
    "  not from an airport.",
    "",
  ].join("\n");
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** ZIP stores local wall-clock time without a zone, and fflate reads local fields: shift so the
 *  archive shows the UTC time on every machine, and clamp to the range DOS dates can hold. */
function zipTime(ms: number): Date {
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2099, 11, 31);
  const clamped = Math.min(max, Math.max(min, ms));
  return new Date(clamped + new Date(clamped).getTimezoneOffset() * 60_000);
}
