/**
 * Unit conversions into the canonical units (ft, kt, ft/min), with the rounding the canonical
 * record uses: altitudes to whole feet, speeds to 0.1 kt, vertical rates to whole ft/min. Finer
 * digits are noise from earlier conversions (OpenSky stores kt and ft/min data as m/s).
 */
export const METRES_PER_FT = 0.3048;
export const MS_PER_KT = 0.514444;
export const KMH_PER_KT = 1.852;
export const MS_PER_FPM = 0.00508;

export function metresToFt(metres: number): number {
  return Math.round(metres / METRES_PER_FT);
}

export function msToKt(metresPerSecond: number): number {
  return roundTenth(metresPerSecond / MS_PER_KT);
}

export function kmhToKt(kmPerHour: number): number {
  return roundTenth(kmPerHour / KMH_PER_KT);
}

export function msToFpm(metresPerSecond: number): number {
  return Math.round(metresPerSecond / MS_PER_FPM);
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
