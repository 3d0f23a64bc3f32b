import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateFlags, formatEvaluation, type Evaluation, type ExpectedFlight } from "@/lib/core/evaluation/evaluate-flags";
import { PROJECT_ROOT } from "@/lib/infra/project-root";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { listFlights } from "@/lib/server/flights/list-flights";
import { importAircraftRegistry } from "@/lib/server/ingest/import-aircraft-registry";
import { importPositionsFile } from "@/lib/server/ingest/import-positions-file";
import { importScheduleFile } from "@/lib/server/ingest/import-schedule-file";
import { ensureReferenceData } from "@/lib/server/reference/ensure-reference-data";

/**
 * The article scenario (fixtures/scenario), imported through the real importers and detected:
 * every flag kind must reach precision and recall ≥ 0.95 against the labels written beside the
 * data, and the innocent gaps of ordinary flights must not be suspected.
 */
const execFileAsync = promisify(execFile);
const SCENARIO = path.resolve(import.meta.dirname, "../../fixtures/scenario");
const expected = (JSON.parse(fs.readFileSync(path.join(SCENARIO, "expected.json"), "utf8")) as { flights: ExpectedFlight[] }).flights;
let evaluation: Evaluation;

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, position_day_counts, flights, import_batches, stored_files, aircraft, schedules, detection_requests CASCADE");
  await ensureReferenceData();
  const nowMs = Date.parse("2026-01-01T00:00:00Z");
  expect((await importAircraftRegistry({ path: path.join(SCENARIO, "aircraft.csv"), fileName: "aircraft.csv" })).status).toBe("imported");
  expect((await importScheduleFile({ path: path.join(SCENARIO, "schedules.csv"), fileName: "schedules.csv" })).status).toBe("imported");
  const positions = await importPositionsFile({ path: path.join(SCENARIO, "positions_opensky.csv.gz"), fileName: "positions_opensky.csv.gz", nowMs });
  expect(positions.status).toBe("imported");
  await runDetection();
  evaluation = evaluateFlags(expected, await listFlights());
  console.log(`\nArticle scenario: ${expected.length} labelled flights\n${formatEvaluation(evaluation)}\n`);
  if (evaluation.mistakes.length > 0) console.log(`mistakes:\n  ${evaluation.mistakes.slice(0, 40).join("\n  ")}`);
}, 300_000);
afterAll(() => closeDbPool());

describe("detection on the article scenario", () => {
  it("finds every labelled flight", () => {
    expect(evaluation.unmatched).toEqual([]);
  });

  it.each(["TYPE_OF_INTEREST", "CUBA_VENEZUELA", "UNSCHEDULED", "TRANSPONDER_GAP", "ZONE_AVOIDANCE"])(
    "%s reaches precision and recall ≥ 0.95",
    (kind) => {
      const score = evaluation.scores.find((s) => s.kind === kind)!;
      expect(score.truePositives).toBeGreaterThan(0);
      expect({ kind, precision: score.precision, recall: score.recall }).toEqual({
        kind,
        precision: expect.toSatisfy((p: number) => p >= 0.95),
        recall: expect.toSatisfy((r: number) => r >= 0.95),
      });
    },
  );

  it("is deterministic: detecting everything again gives the same flights, flags and evidence", async () => {
    const before = await listFlights();
    await runDetection({ all: true });
    expect(await listFlights()).toEqual(before);
  });

  it("prints the documented `flights --json` contract from the command line", async () => {
    const { stdout } = await execFileAsync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "flights", "--json", "--flagged", "--since", "2024-08-07T00:00:00Z"],
      { cwd: PROJECT_ROOT, env: { ...process.env }, maxBuffer: 64 << 20 },
    );
    const flights = JSON.parse(stdout) as Record<string, unknown>[];
    expect(flights.length).toBeGreaterThan(0);
    for (const flight of flights) {
      expect(Object.keys(flight)).toEqual(expect.arrayContaining(["id", "icao24", "registration", "typecode", "operator", "callsign", "origin", "destination", "firstSeen", "lastSeen", "score", "flags"]));
      expect(Date.parse(flight.lastSeen as string)).toBeGreaterThanOrEqual(Date.parse("2024-08-07T00:00:00Z"));
      expect((flight.flags as unknown[]).length).toBeGreaterThan(0);
      for (const origin of [flight.origin, flight.destination]) expect(origin === null || /^[A-Z]{4}$/.test(origin as string)).toBe(true);
    }
    const scores = flights.map((f) => f.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const flags = flights.flatMap((f) => f.flags as Record<string, unknown>[]);
    const gap = flags.find((f) => f.kind === "TRANSPONDER_GAP")!;
    expect(Object.keys(gap)).toEqual(expect.arrayContaining(["start", "end", "minutes", "suspected", "confidence", "partial", "open"]));
    const zone = flags.find((f) => f.kind === "ZONE_AVOIDANCE")!;
    expect(zone).toMatchObject({ zone: "TNCF", side: expect.stringMatching(/^(west|east)$/) });
    expect(typeof zone.maxOffsetKm).toBe("number");
    expect(typeof zone.extraDistancePct).toBe("number");
  });

  it("does not suspect the innocent gaps of ordinary flights", () => {
    const innocent = expected.flatMap((f) => f.gaps.filter((g) => !g.suspected));
    expect(innocent.length).toBeGreaterThan(0);
    expect(evaluation.suspectedInnocentGaps).toEqual([]);
  });
});
