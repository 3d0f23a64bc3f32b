import type { FlagRecord } from "../flight-record";
import { typeOfInterestEvidenceSchema } from "../model/evidence/type-of-interest-evidence";
import { plural } from "./plain-words";

/** Common names of the designators the watchlist is about (ICAO Doc 8643 designators). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  IL76: "Il-76", IL96: "Il-96", IL62: "Il-62", IL18: "Il-18", A342: "A340-200", A343: "A340-300", A345: "A340-500", A346: "A340-600",
  T144: "Tu-144", T154: "Tu-154", T204: "Tu-204", T214: "Tu-214", A124: "An-124", AN12: "An-12", AN26: "An-26", AN72: "An-72", A225: "An-225",
};

/** TYPE_OF_INTEREST in plain words: who the aircraft is, what matched the watchlist, and any identity warning. */
export function describeTypeOfInterest(flag: FlagRecord): { sentence: string; details: string[] } {
  const parsed = typeOfInterestEvidenceSchema.safeParse(flag.evidence);
  if (!parsed.success) return { sentence: String(flag.evidence.summary ?? "On the watchlist"), details: [] };
  const e = parsed.data;
  const upper = e.typecode?.toUpperCase() ?? null;
  const type = upper ? (TYPE_NAMES[upper] ? `${TYPE_NAMES[upper]} (${e.typecode})` : e.typecode) : null;
  const who = [type, e.registration ?? `address ${e.icao24}`].filter(Boolean).join(" ") + (e.operator ? `, operator ${e.operator}` : "");
  const why = e.matchedBy.map((m) => (m.startsWith("type ") ? "type on the watchlist" : m.startsWith("address ") ? "aircraft address on the watchlist" : m));
  let sentence = `${who || "Aircraft"}: ${why.join("; ") || "on the watchlist"}`;
  if (e.identityWarning) sentence += `. Identity warning: ${e.identityWarning}`;

  const details: string[] = e.matchedBy.map((m) => `Matched: ${m}`);
  details.push(`Identity from ${e.identitySource ?? "an unknown source"} for address ${e.icao24}`);
  if (e.addressCountry?.name) details.push(`Address block: ${e.addressCountry.name}`);
  if (e.registration) details.push(`Registration ${e.registration}: ${e.registrationCountry?.name ?? "country unknown"}`);
  if (e.identityWarning) details.push(`Identity warning: ${e.identityWarning}`);
  if (e.tags.length > 0) details.push(`Tags: ${e.tags.join(", ")}`);
  const list = (key: string) => (Array.isArray(flag.config[key]) ? (flag.config[key] as unknown[]).filter((x): x is string => typeof x === "string") : []);
  details.push(`Watchlist: types ${list("typecodes").join(", ") || "none"}; ${plural(list("icao24s").length, "watched address", "watched addresses")}; tags ${list("tags").join(", ") || "none"}`);
  return { sentence, details };
}
