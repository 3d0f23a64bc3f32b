import { REFERENCE_AIRPORTS } from "../../../core/reference/airports";
import type { AirportRef } from "../../../core/model/airport-ref";
import { countryOfIcao24 } from "../../../core/identity/country-of-icao24";
import { ICAO24_COUNTRY_BLOCKS } from "../../../core/reference/icao24-country-blocks";
import { SPECIAL_AIRCRAFT, type Aircraft } from "../../../../fixtures/scenario/fleet";
import { createRandom, type Random } from "../../../../fixtures/scenario/prng";

/** One aircraft of the scale fleet: its registry identity and how it flies. */
export interface FleetAircraft {
  identity: Aircraft;
  /** Aircraft of interest fly Cuba ↔ Venezuela and switch their transponder off now and then. */
  ofInterest: boolean;
  home: AirportRef;
  destinations: readonly AirportRef[];
  /** Chance it flies on a given day (a month's extract sees many aircraft only a few times). */
  dailyActivity: number;
  /** Chance of a second round trip on a day it flies. */
  secondTrip: number;
  /** OpenSky-like state-vector interval of this aircraft's feed, s. */
  sampleIntervalS: number;
  /** Callsigns of its flights are operatorIcao + a number; none for a military aircraft. */
  callsignPrefix: string | null;
}

interface OperatorSpec {
  icao: string;
  name: string;
  country: string;
  /** Share of the ordinary fleet. */
  weight: number;
  types: readonly string[];
  home: string;
  destinations: readonly string[];
  activity: number;
}

/** Real operators, bases and routes of the region (2024 services, in their shape). */
const OPERATORS: readonly OperatorSpec[] = [
  { icao: "AAL", name: "American Airlines", country: "US", weight: 16, types: ["B738", "A321", "A319"], home: "KMIA", activity: 0.13,
    destinations: ["MKJS", "MKJP", "MDSD", "MDPC", "MTPP", "TJSJ", "TNCA", "TNCC", "MUHA", "MWCR", "MMUN", "MBPV", "MPTO", "MDST"] },
  { icao: "JBU", name: "JetBlue Airways", country: "US", weight: 10, types: ["A320", "A321"], home: "KFLL", activity: 0.13,
    destinations: ["MKJS", "MKJP", "MDSD", "MDPC", "MDST", "TJSJ", "TNCA", "MTPP", "MUHA", "MMUN", "MDPP"] },
  { icao: "DAL", name: "Delta Air Lines", country: "US", weight: 7, types: ["A321", "B738"], home: "KATL", activity: 0.1,
    destinations: ["MKJS", "MMUN", "MWCR", "MDPC", "MBPV", "MMCZ"] },
  { icao: "UAL", name: "United Airlines", country: "US", weight: 5, types: ["B738", "B38M"], home: "KIAH", activity: 0.1,
    destinations: ["MMUN", "MMCZ", "MGGT", "MHLM", "MROC", "MZBZ"] },
  { icao: "CMP", name: "Copa Airlines", country: "PA", weight: 12, types: ["B738", "B38M", "E190"], home: "MPTO", activity: 0.17,
    destinations: ["MKJP", "MKJS", "MUHA", "MDSD", "TNCA", "TNCC", "SKBO", "SKCG", "MTPP", "TJSJ", "MNMG", "MROC", "MGGT", "MHTG", "TTPP", "MDPC"] },
  { icao: "AVA", name: "Avianca", country: "CO", weight: 9, types: ["A320", "A319"], home: "SKBO", activity: 0.17,
    destinations: ["SKCG", "SKBQ", "SKSP", "TNCC", "TNCA", "MPTO", "MDSD", "SKSM", "SKRH", "MROC"] },
  { icao: "BWA", name: "Caribbean Airlines", country: "TT", weight: 5, types: ["B738"], home: "TTPP", activity: 0.17,
    destinations: ["TBPB", "TGPY", "TJSJ", "MKJP", "TNCC", "SMJP", "TFFR", "TLPL", "TAPA"] },
  { icao: "DWI", name: "Arajet", country: "DO", weight: 6, types: ["B38M"], home: "MDSD", activity: 0.17,
    destinations: ["TJSJ", "TNCA", "TNCC", "MKJS", "SKBO", "MPTO", "MUHA", "MMUN", "TTPP", "SKCG", "MROC"] },
  { icao: "BHS", name: "Bahamasair", country: "BS", weight: 4, types: ["B734"], home: "MYNN", activity: 0.17,
    destinations: ["KMIA", "KFLL", "MBPV", "MKJS", "KMCO", "KTPA"] },
  { icao: "ROI", name: "Avior Airlines", country: "VE", weight: 4, types: ["B734"], home: "SVBC", activity: 0.17,
    destinations: ["SVMI", "SVMC", "TNCC", "TNCA", "TTPP", "SVPR", "SVMG", "SVVA"] },
  { icao: "LER", name: "Laser Airlines", country: "VE", weight: 4, types: ["MD82"], home: "SVMI", activity: 0.17,
    destinations: ["SVMC", "SVPR", "SVMG", "SVBC", "SVSA", "TNCA", "TNCC", "TTPP", "SVJC"] },
  { icao: "VCV", name: "Conviasa", country: "VE", weight: 4, types: ["E190"], home: "SVMI", activity: 0.17,
    destinations: ["SVMC", "SVMG", "SVPR", "SVJC", "TNCC", "MNMG", "SVBC", "SVSA"] },
  { icao: "CUB", name: "Cubana de Aviacion", country: "CU", weight: 3, types: ["B734"], home: "MUHA", activity: 0.17,
    destinations: ["MUCU", "MUHG", "MUCM", "MUSC", "MUBY", "MUCC"] },
  { icao: "VIV", name: "Viva Aerobus", country: "MX", weight: 6, types: ["A320", "A321"], home: "MMUN", activity: 0.14,
    destinations: ["MUHA", "MGGT", "MHLM", "MROC", "MMMD", "MKJS", "MDSD", "MZBZ", "MNMG", "MPTO"] },
];

/** The aircraft of interest, their bases and the Cuba ↔ Venezuela airports they fly between. */
const INTEREST_BASES: Record<string, string> = {
  "0b04e2": "MUHA", "0b04e3": "MUHA", "0d80ae": "SVMI", "0d8429": "SVMI", "0d8469": "SVMI",
  "0d81ec": "SVVA", "157712": "MUHA", "152b0e": "MUSA", "152b47": "MUHA", "730541": "SVMI",
};
const CUBA_SIDE = ["MUHA", "MUSA", "MUCU", "MUSC"];
const VENEZUELA_SIDE = ["SVMI", "SVVA", "SVBL", "SVMC"];

const AIRPORTS = new Map(REFERENCE_AIRPORTS.map((a) => [a.icao, a]));
function airport(icao: string): AirportRef {
  const found = AIRPORTS.get(icao);
  if (!found) throw new Error(`scale fleet: ${icao} is not a reference airport`);
  return found;
}

/** An unused address inside the country's ICAO block, checked with the core's own lookup. */
function addressIn(country: string, random: Random, taken: Set<string>): string {
  const blocks = ICAO24_COUNTRY_BLOCKS.filter((b) => b[2] === country);
  if (blocks.length === 0) throw new Error(`scale fleet: no ICAO block for ${country}`);
  for (;;) {
    const block = random.pick(blocks);
    const icao24 = random.int(block[0], block[1]).toString(16).padStart(6, "0");
    if (!taken.has(icao24) && countryOfIcao24(icao24)?.code === country) {
      taken.add(icao24);
      return icao24;
    }
  }
}

const MODELS: Record<string, string> = {
  B738: "737-800", B38M: "737-8 MAX", B734: "737-400", A319: "A319-100", A320: "A320-200", A321: "A321-200", E190: "ERJ 190-100", MD82: "MD-82",
};

/** Registrations in the country's own form, so the address and the registration agree. */
const REGISTRATION_PREFIX: Record<string, string> = { US: "N", PA: "HP-", CO: "HK-", TT: "9Y-", DO: "HI", BS: "C6-", VE: "YV", CU: "CU-T", MX: "XA-" };
function registration(country: string, n: number): string {
  const prefix = REGISTRATION_PREFIX[country] ?? "";
  if (country === "US") return `${prefix}${100 + n}SC`;
  if (country === "MX" || country === "TT" || country === "BS" || country === "CO" || country === "PA") {
    return `${prefix}${String.fromCharCode(65 + (n % 26), 65 + (Math.floor(n / 26) % 26), 65 + (Math.floor(n / 676) % 26))}`;
  }
  return `${prefix}${1000 + n}`;
}

/** How many of `aircraft` are aircraft of interest: the ten real airframes, fewer in a small fleet. */
export function interestCount(aircraft: number): number {
  return Math.min(Object.keys(SPECIAL_AIRCRAFT).length, Math.floor(aircraft / 10));
}

/**
 * `aircraft` aircraft flying the region for a month: the real aircraft of interest (Cubana
 * Il-96, Conviasa A340s, Russian Il-96 and Il-76s, Meraj's A340) and airliners of real
 * operators split by weight, each with an address from its country's block. The seed alone
 * decides the list.
 */
export function buildRegionalFleet(aircraft: number, seed: number): FleetAircraft[] {
  if (!Number.isInteger(aircraft) || aircraft < 1) throw new Error(`the fleet needs at least one aircraft (got ${aircraft})`);
  const random = createRandom(seed).fork("scale-fleet");
  const fleet: FleetAircraft[] = [];
  const taken = new Set(Object.values(SPECIAL_AIRCRAFT).map((a) => a.icao24));
  for (const identity of Object.values(SPECIAL_AIRCRAFT).slice(0, interestCount(aircraft))) {
    const home = airport(INTEREST_BASES[identity.icao24]!);
    const other = home.country === "CU" ? VENEZUELA_SIDE : CUBA_SIDE;
    fleet.push({
      identity,
      ofInterest: true,
      home,
      destinations: other.map(airport),
      dailyActivity: 0.3,
      secondTrip: 0,
      sampleIntervalS: random.int(5, 10),
      callsignPrefix: identity.operatorIcao === "RFF" && identity.icao24 === "152b0e" ? null : identity.operatorIcao,
    });
  }
  const totalWeight = OPERATORS.reduce((sum, o) => sum + o.weight, 0);
  while (fleet.length < aircraft) {
    let draw = random.next() * totalWeight;
    const spec = OPERATORS.find((o) => (draw -= o.weight) < 0) ?? OPERATORS[0]!;
    const typecode = random.pick(spec.types);
    const icao24 = addressIn(spec.country, random, taken);
    fleet.push({
      identity: {
        icao24, registration: registration(spec.country, fleet.length), typecode, model: MODELS[typecode] ?? typecode,
        serialNumber: "", operator: spec.name, operatorCallsign: spec.name.toUpperCase(), operatorIcao: spec.icao, operatorIata: "",
        owner: spec.name, built: "", notes: "", reportsGeoAltitude: random.next() < 0.65,
      },
      ofInterest: false,
      home: airport(spec.home),
      destinations: spec.destinations.map(airport),
      // Around the operator's figure: some airframes are seen daily, others a few times a month.
      dailyActivity: Math.min(0.95, spec.activity * random.uniform(0.4, 1.6)),
      secondTrip: 0.25,
      sampleIntervalS: random.int(5, 10),
      callsignPrefix: spec.icao,
    });
  }
  return fleet;
}
