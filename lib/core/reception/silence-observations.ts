import type { SilencePathCell } from "./silence-path";

/** What grading asks the data about one silence (built by grade-gap.ts, answered by the data layer). */
export interface SilenceQuery {
  /** Unique per aircraft and silence: `${icao24}|${offMs}|${partial}`. */
  key: string;
  icao24: string;
  /** Altitude band of the aircraft when it went silent. */
  band: number;
  /** Cells inside the silent path (see silence-path.ts), each with the band it would have been crossed at. */
  cells: SilencePathCell[];
  /** The silence itself: other aircraft count only strictly inside it. */
  fromMs: number;
  toMs: number;
  /** The map's history window around the silence. */
  historyFromMs: number;
  historyToMs: number;
  /** Before/after margin in which other aircraft heard nearby but not during the silence are "quiet too". */
  marginMs: number;
  /** Positions this close to either end of the silence are not "during" it: after an outage, receivers
   *  and aircraft come back at different moments, each at its own sampling. */
  endMarginMs: number;
  /** How far around the path "the feed was alive" is looked for. */
  aliveRadiusKm: number;
  aliveLookbackMs: number;
  /** Counting the aircraft around it stops at this many. */
  aliveCountCap: number;
}

/** The map's sums for one cell and band over the history window, the aircraft itself left out. */
export interface CellReception {
  cell: number;
  received: number;
  expected: number;
  visits: number;
  visitsReceived: number;
  /** The same for the hours the silence spans and the hour either side: other aircraft crossing there then. */
  visitsThen: number;
  visitsReceivedThen: number;
}

/** The answer to a {@link SilenceQuery}. */
export interface SilenceObservations {
  /** Map rows for the path's cells (a cell missing here was never crossed: unknown). */
  cells: CellReception[];
  /** Other aircraft received strictly during the silence in the path's cells or next to them. */
  witnesses: string[];
  /** Other aircraft heard there within the margin before AND after the silence, but not during it:
   *  the receivers, not the aircraft, went quiet (a receiver or feed outage). */
  quiet: string[];
  /** How many other aircraft were received anywhere within the query's `aliveRadiusKm` of the path
   *  during the silence, up to its `aliveCountCap`: zero means the feed itself may have been down. */
  alive: number;
  /** …and in the `aliveLookbackMs` before it. */
  aliveBefore: number;
}

/** Answers silence queries from data loaded beforehand: the core stays synchronous and pure. */
export interface ReceptionLookup {
  observe(query: SilenceQuery): SilenceObservations | undefined;
}

/** A lookup over answers loaded by key. */
export function receptionLookupOf(answers: ReadonlyMap<string, SilenceObservations>): ReceptionLookup {
  return { observe: (query) => answers.get(query.key) };
}

/** A lookup that answers nothing and writes down what was asked (the planning pass). */
export function recordingReceptionLookup(): ReceptionLookup & { queries: SilenceQuery[] } {
  const queries: SilenceQuery[] = [];
  return { queries, observe: (query) => void queries.push(query) };
}
