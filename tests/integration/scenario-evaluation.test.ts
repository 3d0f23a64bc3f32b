import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateFlags, formatEvaluation, type Evaluation, type ExpectedFlight } from "@/lib/core/evaluation/evaluate-flags";
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
const SCENARIO = path.resolve(import.meta.dirname, "../../fixtures/scenario");
const expected = (JSON.parse(fs.readFileSync(path.join(SCENARIO, "expected.json"), "utf8")) as { flights: ExpectedFlight[] }).flights;
let evaluation: Evaluation;

beforeAll(async () => {
  await dbPool().query("TRUNCATE positions, flights, import_batches, stored_files, aircraft, schedules, detection_requests CASCADE");
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

  it("does not suspect the innocent gaps of ordinary flights", () => {
    const innocent = expected.flatMap((f) => f.gaps.filter((g) => !g.suspected));
    expect(innocent.length).toBeGreaterThan(0);
    expect(evaluation.suspectedInnocentGaps).toEqual([]);
  });
});
