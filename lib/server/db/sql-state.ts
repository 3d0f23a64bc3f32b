import "server-only";

/**
 * What a Citus coordinator reports as XX000 when a shard refused a COPY, with PostgreSQL's own
 * words: the SQLSTATE those words belong to.
 */
const CITUS_WRAPPED: readonly (readonly [string, string])[] = [
  ["duplicate key value violates unique constraint", "23505"],
  ["deadlock detected", "40P01"],
  ["could not serialize access", "40001"],
];

/** The SQLSTATE (or Node error code) of a driver error, or null; the same on one server and on Citus. */
export function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  if (code === "XX000" && error instanceof Error) {
    const wrapped = CITUS_WRAPPED.find(([words]) => error.message.startsWith(words));
    if (wrapped) return wrapped[1];
  }
  return code;
}
