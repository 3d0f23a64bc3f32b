import { DAY_MS, SCALE_START_MS } from "./plan-day";

/** `opensky-2024-07-20.csv.gz` for day 0. */
export const dayFileName = (day: number) => `opensky-${new Date(SCALE_START_MS + day * DAY_MS).toISOString().slice(0, 10)}.csv.gz`;
