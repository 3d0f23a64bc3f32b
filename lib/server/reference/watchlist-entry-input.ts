import "server-only";
import { z } from "zod";
import { AppError } from "../app-error";

/** What a watchlist entry matches on: the aircraft's type designator, its address, or one of its tags. */
export const WATCHLIST_KINDS = ["TYPECODE", "ICAO24", "TAG"] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];

const note = z.string().trim().max(500, "a note is at most 500 characters").optional();

/**
 * One entry as an analyst types it, normalised the way the detector compares: type designators
 * upper case ("il76" → "IL76"), addresses lower case, tags trimmed (compared case-insensitively).
 */
export const watchlistEntryInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("TYPECODE"),
    value: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,4}$/, "an ICAO type designator is 2-4 letters or digits, e.g. IL76"),
    note,
  }),
  z.object({
    kind: z.literal("ICAO24"),
    value: z.string().trim().toLowerCase().regex(/^[0-9a-f]{6}$/, "a 24-bit address is 6 hex digits, e.g. 0b04e2"),
    note,
  }),
  z.object({
    kind: z.literal("TAG"),
    value: z.string().trim().min(1, "a tag cannot be empty").max(100, "a tag is at most 100 characters"),
    note,
  }),
]);
export type WatchlistEntryInput = z.infer<typeof watchlistEntryInput>;

/**
 * Validate and normalise an entry; BAD_REQUEST naming the problem otherwise.
 * @example parseWatchlistEntryInput({ kind: "TYPECODE", value: " b752 " }) // { kind: "TYPECODE", value: "B752" }
 */
export function parseWatchlistEntryInput(raw: { kind: string; value: string; note?: string }): WatchlistEntryInput {
  const kind = raw.kind.trim().toUpperCase();
  if (!(WATCHLIST_KINDS as readonly string[]).includes(kind)) {
    throw new AppError("BAD_REQUEST", `unknown watchlist kind "${raw.kind}": expected ${WATCHLIST_KINDS.map((k) => k.toLowerCase()).join(", ")}`);
  }
  const result = watchlistEntryInput.safeParse({ ...raw, kind });
  if (!result.success) {
    throw new AppError("BAD_REQUEST", result.error.issues.map((i) => `${kind.toLowerCase()} ${JSON.stringify(raw.value)}: ${i.message}`).join("; "));
  }
  return result.data;
}
