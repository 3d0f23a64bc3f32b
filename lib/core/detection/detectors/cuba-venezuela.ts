import type { Detector } from "../detector";
import { ruleVersion } from "../detector";
import { cubaVenezuelaEvidenceSchema } from "../../model/evidence/cuba-venezuela-evidence";
import type { Finding } from "../../model/finding";
import type { FlightEndpoint } from "../../model/flight-endpoint";
import { DEFAULT_DETECTION_CONFIG, type CubaVenezuelaConfig } from "../../model/detection-config";

/**
 * CUBA_VENEZUELA: origin in one country list and destination in the other, either way (Cuba ↔
 * Venezuela by default). Endpoints come from airports, or — for partial tracks, transponder off at
 * departure or arrival — from the inferred countries; the evidence says which.
 */
export const cubaVenezuelaDetector: Detector<CubaVenezuelaConfig> = {
  kind: "CUBA_VENEZUELA",
  version: 1,
  defaultConfig: DEFAULT_DETECTION_CONFIG.cubaVenezuela,
  detect(flight, ctx): Finding[] {
    const cfg = ctx.config.cubaVenezuela;
    const o = flight.origin.country;
    const d = flight.destination.country;
    if (!o || !d) return [];
    const inA = (c: string) => cfg.countriesA.includes(c);
    const inB = (c: string) => cfg.countriesB.includes(c);
    if (!((inA(o) && inB(d)) || (inB(o) && inA(d)))) return [];

    const byAirport = flight.origin.method === "airport" && flight.destination.method === "airport";
    const summary = byAirport
      ? `from airports ${flight.origin.airportIcao} → ${flight.destination.airportIcao}`
      : `inferred: ${describe(flight.origin, "origin")}; ${describe(flight.destination, "destination")}`;
    return [
      {
        kind: "CUBA_VENEZUELA",
        windowStartMs: flight.firstSeenMs,
        windowEndMs: flight.lastSeenMs,
        ruleVersion: ruleVersion("CUBA_VENEZUELA", 1),
        config: { ...cfg },
        evidence: cubaVenezuelaEvidenceSchema.parse({
          summary,
          direction: `${o} → ${d}`,
          basis: byAirport ? "airports" : "inferred",
          origin: endpointEvidence(flight.origin),
          destination: endpointEvidence(flight.destination),
        }),
      },
    ];
  },
};

function describe(e: FlightEndpoint, side: string): string {
  return e.method === "airport" ? `${side} ${e.airportIcao} (airport)` : `${side} ${e.country}: ${e.explanation}`;
}

function endpointEvidence(e: FlightEndpoint) {
  return { airportIcao: e.airportIcao, country: e.country, method: e.method, explanation: e.explanation };
}
