import { describe, expect, it } from "vitest";
import { DEFAULT_RECEPTION_CONFIG as CONFIG } from "@/lib/core/model/reception-config";
import { aircraftVisits, type VisitPoint } from "@/lib/core/reception/aircraft-visits";
import { gridCell } from "@/lib/core/reception/grid-cell";

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 7, 1, 12, 0, 0);
const cruise = { altitudeFt: 35_000, onGround: false, groundSpeedKt: 450, trackDeg: 0 };
/** Positions every `stepS` northbound at 450 kt (0.125° of latitude a minute) from `lat`. */
const northbound = (fromMs: number, count: number, stepS: number, lat = 10.1, lon = -66.9): VisitPoint[] =>
  Array.from({ length: count }, (_, i) => ({ ...cruise, timeMs: fromMs + i * stepS * 1000, latDeg: lat + (i * stepS * 0.125) / 60, lonDeg: lon }));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("aircraftVisits", () => {
  it("counts received positions per hour, cell and band, and expects what the sampling predicts between them", () => {
    // Ten positions 10 s apart, inside one cell: nine dense pairs of 10 s at a 10 s interval.
    const points = northbound(T0, 10, 10).map((p) => ({ ...p, groundSpeedKt: 10 }));
    const visits = aircraftVisits(points, T0, T0, CONFIG);
    expect(visits).toEqual([
      { hourMs: T0, cell: gridCell(10.1, -66.9, CONFIG.cellDeg), band: 2, received: 10, receivedMs: Array.from({ length: 10 }, (_, i) => i * 10_000), expectedMilli: 9000 },
    ]);
  });

  it("expects positions along a silent crossing in the air, where none were received", () => {
    // Heard for 5 minutes, silent for 30 (under bridgeMaxS), heard again 3.75° further north.
    const before = northbound(T0, 31, 10);
    const after = northbound(T0 + 35 * 60_000, 31, 10, 10.1 + 35 * 0.125);
    const visits = aircraftVisits([...before, ...after], T0 - HOUR, T0 + HOUR, CONFIG);
    // The cells from 11° to 14° N lie wholly inside the silence: each is crossed in 4 minutes
    // (0.5° at 0.125° a minute), 24 positions at its 10 s interval, and none was received.
    for (const lat of [11.25, 11.75, 12.25, 12.75, 13.25, 13.75]) {
      const crossed = visits.filter((v) => v.cell === gridCell(lat, -66.9, CONFIG.cellDeg));
      expect(crossed).toHaveLength(1);
      expect(crossed[0]!.received).toBe(0);
      expect(crossed[0]!.expectedMilli / 1000).toBeCloseTo(24, 0);
    }
  });

  it("does not bridge a silence at an implausible speed", () => {
    const before = northbound(T0, 31, 10);
    // 30 minutes later, back where it was silenced: no plausible straight crossing.
    const back = northbound(T0 + 35 * 60_000, 31, 10, 10.1 + 5 * 0.125).map((p) => ({ ...p, trackDeg: null }));
    const noTrack = before.map((p) => ({ ...p, trackDeg: null }));
    const visits = aircraftVisits([...noTrack, ...back], T0 - HOUR, T0 + HOUR, CONFIG);
    expect(visits.filter((v) => v.received === 0)).toEqual([]);
  });

  it("projects a track that ends in the air along its heading, and leaves one that lands alone", () => {
    const flying = northbound(T0, 31, 10);
    const projected = aircraftVisits(flying, T0 - HOUR, T0 + HOUR, CONFIG).filter((v) => v.received === 0);
    const lastLat = flying.at(-1)!.latDeg;
    // 20 minutes at 450 kt ahead of it, and (its first position) 20 minutes behind it.
    expect(projected.map((v) => v.cell)).toContain(gridCell(lastLat + 1.5, -66.9, CONFIG.cellDeg));
    expect(projected.map((v) => v.cell)).toContain(gridCell(10.1 - 1.5, -66.9, CONFIG.cellDeg));
    const landed = flying.map((p, i) => (i === 0 || i === 30 ? { ...p, onGround: true, altitudeFt: null } : p));
    expect(aircraftVisits(landed, T0 - HOUR, T0 + HOUR, CONFIG).filter((v) => v.received === 0)).toEqual([]);
  });

  it("keeps only the hours asked for, and says nothing of an airborne position without altitude", () => {
    const points = northbound(T0 - 5 * 60_000, 61, 10).map((p) => ({ ...p, groundSpeedKt: 10 }));
    const visits = aircraftVisits(points, T0, T0, CONFIG);
    expect(new Set(visits.map((v) => v.hourMs))).toEqual(new Set([T0]));
    expect(sum(visits.map((v) => v.received))).toBe(31);
    // When each was received, in its own hour: 12:00:00 to 12:05:00, every 10 s.
    expect(visits.flatMap((v) => v.receivedMs).sort((a, b) => a - b)).toEqual(Array.from({ length: 31 }, (_, i) => i * 10_000));
    const unknown = points.map((p) => ({ ...p, altitudeFt: null }));
    expect(aircraftVisits(unknown, T0 - HOUR, T0, CONFIG)).toEqual([]);
  });
});
