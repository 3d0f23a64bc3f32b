import "server-only";
import type pg from "pg";

/** A column written by insertValues: the SQL type its parameters are cast to, or one SQL expression for every row. */
export type ValuesColumn = { name: string; type: string } | { name: string; sql: string };

/** Typed columns from "name type" definitions: typedColumns("icao24 char(6)", "time timestamptz"). */
export const typedColumns = (...definitions: string[]): ValuesColumn[] =>
  definitions.map((d) => ({ name: d.slice(0, d.indexOf(" ")), type: d.slice(d.indexOf(" ") + 1) }));

/** Parameters per statement (the protocol allows 65,535). */
const MAX_PARAMETERS = 30_000;

/**
 * INSERT rows as multi-row VALUES, a parameter per value (`rows[i][j]` for the j-th column with a
 * type), in as many statements as the parameter limit needs, each followed by `tail` (an ON
 * CONFLICT clause). For a Citus coordinator: a write whose rows come from a function or a
 * temporary table (INSERT … SELECT FROM json_to_recordset, unnest or a staging table) goes
 * through intermediate results that open a connection to every shard in each transaction (over
 * TLS, half a second for 32 shards on two loopback workers); rows given as VALUES go to their
 * shards over the connections the session already holds.
 */
export async function insertValues(
  client: pg.ClientBase,
  table: string,
  columns: readonly ValuesColumn[],
  rows: readonly (readonly unknown[])[],
  tail = "",
): Promise<void> {
  const typed = columns.filter((c) => "type" in c).length;
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, typed)));
  const names = columns.map((c) => c.name).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      let j = 0;
      const values = columns.map((c) => {
        if ("sql" in c) return c.sql;
        params.push(row[j++]);
        return `$${params.length}::${c.type}`;
      });
      return `(${values.join(", ")})`;
    });
    await client.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(", ")} ${tail}`, params);
  }
}
