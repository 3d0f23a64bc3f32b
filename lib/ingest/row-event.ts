import type { RowError } from "./types";

/** What the reference-data parsers (registries, schedules) yield: a valid row or why it is not. */
export type RowEvent<T> = { kind: "record"; line: number; record: T } | { kind: "error"; error: RowError };
