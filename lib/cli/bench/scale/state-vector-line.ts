import type { Position } from "../../../../fixtures/scenario/observe-flight";

const M_PER_FT = 0.3048;
const MS_PER_KT = 1852 / 3600;
const MS_PER_FPM = 0.3048 / 60;

/**
 * One OpenSky state-vector row, the columns and units of the scenario's `openskyRow` (metres,
 * m/s, callsign padded to 8, no altitude on the ground), written with fixed decimals in one
 * template: the scale generator writes millions of them.
 */
export function stateVectorLine(p: Position): string {
  const rate = p.verticalRateFpm === null ? "" : (p.verticalRateFpm * MS_PER_FPM).toFixed(3);
  const callsign = p.callsign === null ? "" : p.callsign.padEnd(8, " ");
  const baro = p.altitudeFt === null ? "" : (p.altitudeFt * M_PER_FT).toFixed(2);
  const geo = p.geoAltitudeFt === null ? "" : (p.geoAltitudeFt * M_PER_FT).toFixed(2);
  return (
    `${p.timeS},${p.icao24},${p.lonLat[1].toFixed(5)},${p.lonLat[0].toFixed(5)},${(p.groundSpeedKt * MS_PER_KT).toFixed(2)},` +
    `${Math.round(p.trackDeg) % 360},${rate},${callsign},${p.onGround ? "True" : "False"},,,${p.squawk},${baro},${geo},,`
  );
}
