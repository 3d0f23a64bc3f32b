import type { FlagRecord } from "../flight-record";
import { cubaVenezuelaEvidenceSchema } from "../model/evidence/cuba-venezuela-evidence";
import { countryOrCode } from "./plain-words";

/** CUBA_VENEZUELA in plain words: which way, and whether the ends are airports or inferred. */
export function describeCubaVenezuela(flag: FlagRecord): { sentence: string; details: string[] } {
  const parsed = cubaVenezuelaEvidenceSchema.safeParse(flag.evidence);
  if (!parsed.success) return { sentence: String(flag.evidence.summary ?? "Flew between the watched countries"), details: [] };
  const { origin, destination } = parsed.data;
  const from = origin.country ? countryOrCode(origin.country) : null;
  const to = destination.country ? countryOrCode(destination.country) : null;
  if (!from || !to) return { sentence: parsed.data.summary, details: [] };
  const byAirport = (x: typeof origin) => x.method === "airport" && x.airportIcao !== null;
  let basis: string;
  if (byAirport(origin) && byAirport(destination)) basis = `${origin.airportIcao} → ${destination.airportIcao}, from the airports`;
  else if (!byAirport(origin) && !byAirport(destination)) basis = "inferred from where the track starts and ends";
  else if (byAirport(origin)) basis = `origin ${origin.airportIcao} from the airport, destination inferred from where the track ends`;
  else basis = `origin inferred from where the track starts, destination ${destination.airportIcao} from the airport`;

  const details = [`Origin: ${origin.explanation || origin.airportIcao || from}`, `Destination: ${destination.explanation || destination.airportIcao || to}`];
  const list = (key: string) => (Array.isArray(flag.config[key]) ? (flag.config[key] as unknown[]).filter((x): x is string => typeof x === "string") : []);
  const a = list("countriesA");
  const b = list("countriesB");
  if (a.length > 0 && b.length > 0) details.push(`Rule: a flight between ${a.map(countryOrCode).join(", ")} and ${b.map(countryOrCode).join(", ")}, either way`);
  return { sentence: `Flew ${from} → ${to} (${basis})`, details };
}
