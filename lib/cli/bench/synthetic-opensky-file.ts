import fs from "node:fs";
import { once } from "node:events";

/**
 * A deterministic OpenSky state-vector CSV of `rows` positions (1,000 aircraft flying
 * straight lines with 5-s sampling), and the same rows as a CSV of `positions` columns for
 * `psql \copy`. Streamed to disk: the benchmark files are larger than anything kept in memory.
 */
export async function writeSyntheticFiles(rows: number, openskyPath: string, canonicalPath: string, batchId: number): Promise<void> {
  const opensky = fs.createWriteStream(openskyPath);
  const canonical = fs.createWriteStream(canonicalPath);
  opensky.write("time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n");
  const aircraft = 1000;
  const perAircraft = Math.ceil(rows / aircraft);
  const start = SYNTHETIC_START_MS / 1000;
  let written = 0;
  let a = 0x9e3779b9;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Time-major order, as real OpenSky exports are.
  let openskyChunk = "";
  let canonicalChunk = "";
  for (let step = 0; step < perAircraft && written < rows; step++) {
    for (let k = 0; k < aircraft && written < rows; k++) {
      const icao24 = (0xa00000 + k * 97).toString(16);
      const time = start + step * 5 + (k % 5);
      const lat = 10 + (k % 20) + step * 0.004;
      const lon = -85 + Math.floor(k / 20) * 0.4 + step * 0.003;
      const velocityMs = 200 + random() * 40;
      const altitudeM = 9000 + (k % 30) * 100;
      const callsign = `BEN${(k % 10000).toString().padStart(4, "0")}`;
      openskyChunk += `${time},${icao24},${lat.toFixed(5)},${lon.toFixed(5)},${velocityMs.toFixed(3)},45.0,0.0,${callsign} ,False,,,,${altitudeM.toFixed(2)},,,\n`;
      const altitudeFt = Math.round(altitudeM / 0.3048);
      const speedKt = Math.round((velocityMs / 0.514444) * 1000) / 1000;
      canonicalChunk += `${icao24},${new Date(time * 1000).toISOString()},${lat.toFixed(5)},${lon.toFixed(5)},${altitudeFt},,${speedKt},45,0,${callsign},,f,ADSB,${batchId}\n`;
      written++;
      if (openskyChunk.length > 1 << 20) {
        if (!opensky.write(openskyChunk)) await once(opensky, "drain");
        if (!canonical.write(canonicalChunk)) await once(canonical, "drain");
        openskyChunk = "";
        canonicalChunk = "";
      }
    }
  }
  opensky.end(openskyChunk);
  canonical.end(canonicalChunk);
  await Promise.all([once(opensky, "finish"), once(canonical, "finish")]);
}

/** The first position's time, 2024-08-01T00:00:00Z: a million rows stay within August. */
export const SYNTHETIC_START_MS = Date.UTC(2024, 7, 1);

export const CANONICAL_COLUMNS =
  "icao24, time, lat_deg, lon_deg, altitude_baro_ft, altitude_geo_ft, ground_speed_kt, track_deg, vertical_rate_fpm, callsign, squawk, on_ground, source, batch_id";
