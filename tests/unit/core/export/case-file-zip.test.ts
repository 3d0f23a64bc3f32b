import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { caseFileZip, CASE_FILE_NAMES, type CaseFileInput } from "@/lib/core/export/case-file-zip";
import { trackCsv } from "@/lib/core/export/track-csv";
import { trackKml } from "@/lib/core/export/track-kml";
import { describeFlag } from "@/lib/core/format/describe-flag";
import { fixtureFlight } from "./flight-fixture";

const GENERATED_MS = Date.UTC(2024, 7, 9, 10, 30, 4);

function input(over: Partial<CaseFileInput> = {}): CaseFileInput {
  const { flight, positions } = fixtureFlight();
  return {
    flight,
    positions,
    review: { status: "CONFIRMED", assigneeEmail: "ana@example.org", published: true, publishedAtMs: Date.UTC(2024, 7, 8, 9, 0) },
    notes: [{ id: "n1", authorEmail: "ana@example.org", body: "Matches the Cubana Il-96 seen at SVMI.", createdAtMs: Date.UTC(2024, 7, 7, 12, 0) }],
    audit: [
      { atMs: Date.UTC(2024, 7, 7, 11, 0), actorEmail: "ana@example.org", action: "review.assign", details: { assignee: "ana@example.org" } },
      { atMs: Date.UTC(2024, 7, 8, 9, 0), actorEmail: "ed@example.org", action: "review.publish", details: null },
    ],
    generatedAtMs: GENERATED_MS,
    ...over,
  };
}

const files = (zip: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, strFromU8(bytes)]));

describe("caseFileZip", () => {
  const base = input();
  const out = files(caseFileZip(base));

  it("holds every file of the case", () => {
    expect(Object.keys(out).sort()).toEqual([...CASE_FILE_NAMES].sort());
    for (const name of ["track.csv", "track.geojson", "track.kml", "flags.json", "notes.json", "review.json", "rule-versions.json", "README.txt"]) expect(out).toHaveProperty(name);
    expect(out["track.csv"]).toBe(trackCsv(base.flight, base.positions));
    expect(out["track.kml"]).toBe(trackKml(base.flight, base.positions));
    expect(JSON.parse(out["track.geojson"]!).type).toBe("FeatureCollection");
  });

  it("writes each flag with its words, evidence, thresholds, rule version and window", () => {
    const flags = JSON.parse(out["flags.json"]!) as Record<string, unknown>[];
    expect(flags).toHaveLength(base.flight.flags.length);
    flags.forEach((f, i) => {
      const flag = base.flight.flags[i]!;
      const d = describeFlag(flag);
      expect(f).toEqual({
        kind: flag.kind,
        label: d.label,
        sentence: d.sentence,
        details: d.details,
        window: { start: new Date(flag.windowStartMs).toISOString(), end: new Date(flag.windowEndMs).toISOString() },
        ruleVersion: flag.ruleVersion,
        config: flag.config,
        evidence: flag.evidence,
      });
    });
  });

  it("writes the notes, the review with its audit trail, and the rule versions", () => {
    expect(JSON.parse(out["notes.json"]!)).toEqual([{ id: "n1", author: "ana@example.org", createdAt: "2024-08-07T12:00:00.000Z", body: "Matches the Cubana Il-96 seen at SVMI." }]);
    expect(JSON.parse(out["review.json"]!)).toEqual({
      status: "CONFIRMED",
      assignee: "ana@example.org",
      published: true,
      publishedAt: "2024-08-08T09:00:00.000Z",
      audit: [
        { at: "2024-08-07T11:00:00.000Z", actor: "ana@example.org", action: "review.assign", details: { assignee: "ana@example.org" } },
        { at: "2024-08-08T09:00:00.000Z", actor: "ed@example.org", action: "review.publish", details: null },
      ],
    });
    expect(JSON.parse(out["rule-versions.json"]!)).toEqual({
      detectorVersion: "detect@7",
      ruleVersions: ["cuba-venezuela@1", "transponder-gap@2", "type-of-interest@1", "unscheduled@1", "zone-avoidance@1"],
    });
  });

  it("writes an unreviewed flight as NEW and unpublished", () => {
    const review = JSON.parse(files(caseFileZip(input({ review: null, audit: [] })))["review.json"]!);
    expect(review).toEqual({ status: "NEW", assignee: null, published: false, publishedAt: null, audit: [] });
  });

  it("explains every file, the generation time and what a gap does not prove", () => {
    const readme = out["README.txt"]!;
    expect(readme).toContain("Generated 2024-08-09T10:30:04.000Z");
    for (const name of CASE_FILE_NAMES.filter((n) => n !== "README.txt")) expect(readme).toMatch(new RegExp(`^  ${name.replace(".", "\\.")} `, "m"));
    expect(readme).toContain("It is not proof that the transponder was");
    expect(readme).toContain("- suspected switch-off: ADS-B silent 47 min at FL350");
    expect(readme).toContain("MUHA → SVMI");
    expect(readme).not.toMatch(/<[a-z]/i);
  });

  it("is the same bytes for the same input, dated by generatedAtMs in UTC", () => {
    const a = caseFileZip(base);
    expect(caseFileZip(base)).toEqual(a);
    // First local file header: DOS time at offset 10, date at 12 (little-endian).
    const view = new DataView(a.buffer, a.byteOffset, a.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const time = view.getUint16(10, true);
    const date = view.getUint16(12, true);
    expect({ h: time >> 11, m: (time >> 5) & 63, s: (time & 31) * 2 }).toEqual({ h: 10, m: 30, s: 4 });
    expect({ y: (date >> 9) + 1980, mo: (date >> 5) & 15, d: date & 31 }).toEqual({ y: 2024, mo: 8, d: 9 });
    expect(caseFileZip({ ...base, generatedAtMs: GENERATED_MS + 3_600_000 })).not.toEqual(a);
  });
});
