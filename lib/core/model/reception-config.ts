/** The map's time bucket: visits and cells are kept per aircraft and cell per hour, and read by whole hours. */
export const MAP_HOUR_MS = 3_600_000;

/**
 * How the reception map is built (lib/server/reception) and read (grade-gap.ts). The map is a
 * function of the stored positions and of this configuration: changing a value means rebuilding
 * the map (`npm run cli -- reception rebuild`). Stored with every gap flag.
 */
export interface ReceptionConfig {
  /** Grid cell size, degrees of latitude and longitude. 0.5° (~55 km): an aircraft at cruise is heard
   *  200–400 km from a receiver, so a cell is either inside a receiver's reach or at its edge;
   *  finer cells would mostly measure traffic, coarser ones would blur a hole's edges into the hole. */
  cellDeg: number;
  /** Lower bounds of the altitude bands above the lowest (ground to the first floor), ft: line of sight
   *  grows with height, so a cell heard at FL350 may be a hole at 5,000 ft. */
  bandFloorsFt: readonly number[];
  /** Two consecutive positions of an aircraft at most this far apart count as continuous reception
   *  (OpenSky drops a state after 15 s; sparse feeds send one every 30–60 s). */
  denseMaxS: number;
  /** A longer silence of an airborne aircraft, up to this, is a crossing heard by nobody: its cells
   *  expect positions and receive none. Longer silences are left out (it may have landed). */
  bridgeMaxS: number;
  /** …and only at an implied speed in this range (slower: it may have landed or circled somewhere). */
  bridgeMinSpeedKt: number;
  bridgeMaxSpeedKt: number;
  /** A silent crossing is cut into pieces this long to find the cells it passed. */
  bridgeStepS: number;
  /** Where a track starts or ends in the air (no position within `bridgeMaxS`), the aircraft flew on
   *  unheard: its last (first) position is projected this far forward (back) along its track at its
   *  speed, and those cells expect positions and receive none. This is what tells the map where an
   *  extract's box or the receivers' reach ends: otherwise a cell straddling the edge looks covered. */
  openEndProjectionS: number;
  /** A silence is judged against the reception the map measured this many days around it. */
  historyDays: number;
}

export const DEFAULT_RECEPTION_CONFIG: ReceptionConfig = {
  cellDeg: 0.5,
  bandFloorsFt: [10_000, 25_000],
  denseMaxS: 120,
  bridgeMaxS: 2 * 3600,
  bridgeMinSpeedKt: 60,
  bridgeMaxSpeedKt: 700,
  bridgeStepS: 60,
  openEndProjectionS: 1200,
  historyDays: 7,
};

/**
 * How far new positions reach stored silences, s: a silence is graded against the map's history
 * around it (half of `historyDays` either side) and the traffic an hour around it, so positions
 * this far from it can change its grade.
 */
export const regradeReachS = (config: Pick<ReceptionConfig, "historyDays">): number => (config.historyDays / 2) * 86_400 + 3600;
