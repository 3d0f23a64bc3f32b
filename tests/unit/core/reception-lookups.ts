import type { ReceptionLookup, SilenceObservations, SilenceQuery } from "@/lib/core/reception/silence-observations";
import { gridCell, gridCellRing } from "@/lib/core/reception/grid-cell";
import { DEFAULT_RECEPTION_CONFIG } from "@/lib/core/model/reception-config";

interface Track {
  icao24: string;
  points: readonly { timeMs: number; latDeg: number; lonDeg: number }[];
}

/**
 * A reception lookup for unit tests, answered from other aircraft's tracks the simple way: a
 * path cell is known and fully covered (rate 1, every crossing heard) when any other aircraft was
 * received there in the history window; witnesses and quiet aircraft as the data layer defines
 * them (strictly during the silence in the path's cells or next to them; heard there just before
 * and after but not during). The real map (expected vs received per crossing) is built in SQL and
 * tested against PostgreSQL.
 */
export function tracksReception(tracks: readonly Track[], cellDeg = DEFAULT_RECEPTION_CONFIG.cellDeg): ReceptionLookup {
  return {
    observe(q: SilenceQuery): SilenceObservations {
      const pathCells = new Set(q.cells.map((c) => c.cell));
      const ring = new Set(q.cells.flatMap((c) => gridCellRing(c.cell, cellDeg)));
      const heard = new Map<number, number>();
      const witnesses: string[] = [];
      const quiet: string[] = [];
      for (const t of tracks) {
        if (t.icao24 === q.icao24) continue;
        let during = false;
        let before = false;
        let after = false;
        for (const p of t.points) {
          const cell = gridCell(p.latDeg, p.lonDeg, cellDeg);
          if (pathCells.has(cell) && p.timeMs >= q.historyFromMs && p.timeMs < q.historyToMs) heard.set(cell, (heard.get(cell) ?? 0) + 1);
          if (!ring.has(cell)) continue;
          if (p.timeMs > q.fromMs + q.endMarginMs && p.timeMs < q.toMs - q.endMarginMs) during = true;
          else if (p.timeMs <= q.fromMs + q.endMarginMs && p.timeMs >= q.fromMs - q.marginMs) before = true;
          else if (p.timeMs >= q.toMs - q.endMarginMs && p.timeMs <= q.toMs + q.marginMs) after = true;
        }
        if (during) witnesses.push(t.icao24);
        else if (before && after) quiet.push(t.icao24);
      }
      const cells = [...heard].map(([cell, n]) => ({ cell, received: n, expected: n, visits: 1, visitsReceived: 1, visitsThen: 0, visitsReceivedThen: 0 }));
      // The feed counts as alive when anyone else was received anywhere during the silence (counted up to the query's cap).
      const alive = Math.min(q.aliveCountCap, tracks.filter((t) => t.icao24 !== q.icao24 && t.points.some((p) => p.timeMs > q.fromMs + q.endMarginMs && p.timeMs < q.toMs - q.endMarginMs)).length);
      const aliveBefore = Math.min(q.aliveCountCap, tracks.filter((t) => t.icao24 !== q.icao24 && t.points.some((p) => p.timeMs <= q.fromMs && p.timeMs >= q.fromMs - q.aliveLookbackMs)).length);
      return { cells, witnesses, quiet, alive, aliveBefore };
    },
  };
}

/** Every path cell known with the given reception rate and share of crossings heard; the given aircraft around. */
export function uniformReception(opts: { rate: number; heardShare?: number; witnesses?: string[]; quiet?: string[]; alive?: number; unheardThen?: number }): ReceptionLookup {
  return {
    observe: (q) => ({
      cells: q.cells.map((c) => ({
        cell: c.cell, received: 1000 * opts.rate, expected: 1000, visits: 100, visitsReceived: Math.round(100 * (opts.heardShare ?? opts.rate)),
        visitsThen: opts.unheardThen ?? 0, visitsReceivedThen: 0,
      })),
      witnesses: opts.witnesses ?? [],
      quiet: opts.quiet ?? [],
      alive: opts.alive ?? 5,
      aliveBefore: 5,
    }),
  };
}
