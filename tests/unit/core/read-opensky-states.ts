import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { sharedDataPath } from "@/tests/support/shared-data";
import type { TrackPoint } from "@/lib/core/model/track-point";

/** A real OpenSky state-vector file from ../shared/data/real (m, m/s), grouped by aircraft and sorted by time. */
export function readOpenSkyStates(file: string): Map<string, TrackPoint[]> {
  const rows = parse(fs.readFileSync(sharedDataPath("real", file)), { columns: true }) as Record<string, string>[];
  const num = (s: string | undefined, k = 1) => (s === undefined || s === "" ? null : Number(s) * k);
  const byAircraft = new Map<string, TrackPoint[]>();
  for (const r of rows) {
    if (!r.lat || !r.lon) continue;
    const p: TrackPoint = {
      timeMs: Number(r.time) * 1000,
      latDeg: Number(r.lat),
      lonDeg: Number(r.lon),
      altitudeFt: num(r.baroaltitude, 1 / 0.3048) ?? num(r.geoaltitude, 1 / 0.3048),
      groundSpeedKt: num(r.velocity, 1 / 0.514444),
      trackDeg: num(r.heading),
      verticalRateFpm: num(r.vertrate, 1 / 0.00508),
      onGround: r.onground === "True" || r.onground === "true",
      source: "ADSB",
      callsign: r.callsign?.trim() || null,
    };
    const list = byAircraft.get(r.icao24!) ?? [];
    list.push(p);
    byAircraft.set(r.icao24!, list);
  }
  for (const list of byAircraft.values()) list.sort((a, b) => a.timeMs - b.timeMs);
  return byAircraft;
}
