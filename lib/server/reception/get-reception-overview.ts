import "server-only";
import type { ReceptionCellInput } from "../../core/map/reception-layer";
import { DEFAULT_RECEPTION_CONFIG } from "../../core/model/reception-config";
import { dbPool } from "../db/pool";

/**
 * The reception map over a period, one altitude band, for the analysts' overview: per cell,
 * positions received ÷ positions the crossing aircraft's own sampling predicted. Summed by
 * PostgreSQL from the stored map (hour index), never from positions.
 * @param period inclusive UTC days "YYYY-MM-DD" (null: open)
 */
export async function getReceptionOverview(period: { from: string | null; to: string | null }, band: number): Promise<ReceptionCellInput[]> {
  const { cellDeg } = DEFAULT_RECEPTION_CONFIG;
  const { rows } = await dbPool().query<{ cell: number; received: number; expected: number }>(
    `SELECT cell, sum(received)::float8 AS received, (sum(expected_milli) / 1000.0)::float8 AS expected
       FROM reception_cells
      WHERE band = $1 AND ($2::date IS NULL OR hour >= ($2::date)::timestamp AT TIME ZONE 'UTC') AND ($3::date IS NULL OR hour < ($3::date + 1)::timestamp AT TIME ZONE 'UTC')
      GROUP BY cell`,
    [band, period.from, period.to],
  );
  return rows.map((r) => {
    const rate = r.expected > 0 ? Math.min(1, r.received / r.expected) : 0;
    return {
      cell: r.cell,
      cellDeg,
      receptionRate: rate,
      label: `${Math.round(rate * 100)} % of ${Math.round(r.expected).toLocaleString("en-US")} positions expected here were received (${Math.round(r.received).toLocaleString("en-US")})`,
    };
  });
}
