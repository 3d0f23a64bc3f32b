import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVALUATION_SEEDS, generateEvaluationWorld, type EvaluationWorld } from "@/fixtures/scenario/evaluation-world";
import { FLAG_KINDS } from "@/lib/core/model/finding";
import { evaluateFlags, formatEvaluation, type Evaluation } from "@/lib/core/evaluation/evaluate-flags";
import { formatCaseScores, scoreCases, type CaseScore } from "@/lib/core/evaluation/score-cases";
import { PROJECT_ROOT } from "@/lib/infra/project-root";
import { closeDbPool } from "@/lib/server/db/pool";
import { runDetection } from "@/lib/server/detection/run-detection";
import { listFlights } from "@/lib/server/flights/list-flights";
import { loadEvaluationWorld } from "./support/load-evaluation-world";

/**
 * The evaluation world (fixtures/scenario/evaluation-world.ts), generated in memory for several
 * seeds, imported through the real importers (main download + bounding-box extract) and detected.
 * Labels are the generator's ground truth, not a copy of the detector's rules: every flag kind
 * must reach precision and recall ≥ 0.95 on every seed, and no innocent silence (coverage hole,
 * outage, extract edge, MLAT coverage) may be suspected.
 */
const execFileAsync = promisify(execFile);
const MIN_SCORE = 0.95;
// Generated once at collection time (about a second each) so the test list names every labelled kind.
const worlds: EvaluationWorld[] = EVALUATION_SEEDS.map((seed) => ({ ...generateEvaluationWorld(seed), flown: [] }));
const labelledKinds = (world: EvaluationWorld) => FLAG_KINDS.filter((kind) => world.expected.flights.some((f) => f.expectedFlags.includes(kind)));

interface SeedResult {
  evaluation: Evaluation;
  cases: CaseScore[];
}
const results = new Map<number, SeedResult>();

beforeAll(async () => {
  // The first seed last: the database keeps its world for the CLI and determinism checks.
  for (const world of [...worlds.slice(1), worlds[0] as EvaluationWorld]) {
    const loaded = await loadEvaluationWorld(world);
    const evaluation = evaluateFlags(world.expected.flights, loaded.detected);
    const perCase = scoreCases(world.expected.flights, loaded.detected);
    results.set(world.seed, { evaluation, cases: perCase.cases });
    console.log(
      `\nEvaluation world, seed ${world.seed}: ${world.expected.flights.length} labelled flights, ` +
        `import ${(loaded.importMs / 1000).toFixed(1)} s, detection ${(loaded.detectMs / 1000).toFixed(1)} s\n` +
        `${formatEvaluation(evaluation)}\n\n${formatCaseScores(perCase)}\n`,
    );
    if (evaluation.mistakes.length > 0) console.log(`mistakes (seed ${world.seed}):\n  ${evaluation.mistakes.slice(0, 40).join("\n  ")}`);
  }
}, 600_000);

afterAll(async () => {
  const kinds = FLAG_KINDS.filter((kind) => worlds.some((w) => labelledKinds(w).includes(kind)));
  const lines = [`precision / recall   ${worlds.map((w) => String(w.seed).padStart(13)).join("")}`];
  for (const kind of kinds) {
    const cells = worlds.map((w) => {
      const score = results.get(w.seed)?.evaluation.scores.find((s) => s.kind === kind);
      return (score === undefined ? "—" : `${score.precision.toFixed(2)} / ${score.recall.toFixed(2)}`).padStart(13);
    });
    lines.push(`${kind.padEnd(20)}${cells.join("")}`);
  }
  console.log(`\n${lines.join("\n")}\n`);
  await closeDbPool();
});

describe.each(worlds.map((world) => [world.seed, world] as const))("detection on the evaluation world, seed %i", (seed, world) => {
  it("finds every labelled flight", () => {
    expect(results.get(seed)?.evaluation.unmatched).toEqual([]);
  });

  it.each(labelledKinds(world))(`%s reaches precision and recall ≥ ${MIN_SCORE}`, (kind) => {
    const score = results.get(seed)?.evaluation.scores.find((s) => s.kind === kind);
    expect(score?.truePositives).toBeGreaterThan(0);
    expect({ kind, precision: score?.precision, recall: score?.recall }).toEqual({
      kind,
      precision: expect.toSatisfy((p: number) => p >= MIN_SCORE),
      recall: expect.toSatisfy((r: number) => r >= MIN_SCORE),
    });
  });

  it("suspects no innocent gap", () => {
    expect(world.expected.flights.some((f) => f.gaps.some((g) => !g.suspected))).toBe(true);
    expect(results.get(seed)?.evaluation.suspectedInnocentGaps).toEqual([]);
  });
});

describe(`the database holding the world of seed ${EVALUATION_SEEDS[0]}`, () => {
  it("is deterministic: detecting everything again gives the same flights, flags and evidence", async () => {
    const before = await listFlights();
    await runDetection({ all: true });
    expect(await listFlights()).toEqual(before);
  });

  it("prints the documented `flights --json` contract from the command line", async () => {
    const since = "2024-08-14T00:00:00Z";
    const { stdout } = await execFileAsync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", "flights", "--json", "--flagged", "--since", since],
      { cwd: PROJECT_ROOT, env: { ...process.env }, maxBuffer: 64 << 20 },
    );
    const flights = JSON.parse(stdout) as Record<string, unknown>[];
    expect(flights.length).toBeGreaterThan(0);
    // Written page by page, the same text as the whole list stringified at once.
    expect(stdout).toBe(`${JSON.stringify(await listFlights({ flagged: true, since: new Date(since) }), null, 2)}\n`);
    for (const flight of flights) {
      expect(Object.keys(flight)).toEqual(expect.arrayContaining(["id", "icao24", "registration", "typecode", "operator", "callsign", "origin", "destination", "firstSeen", "lastSeen", "score", "flags"]));
      expect(Date.parse(flight.lastSeen as string)).toBeGreaterThanOrEqual(Date.parse(since));
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
});
