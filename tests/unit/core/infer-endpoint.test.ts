import { describe, expect, it } from "vitest";
import { inferEndpoint } from "@/lib/core/flights/infer-endpoint";
import { DEFAULT_DETECTION_CONFIG as CFG } from "@/lib/core/model/detection-config";
import { REFERENCE_AIRPORTS } from "@/lib/core/reference/airports";
import { destinationPoint } from "@/lib/core/geo/destination-point";
import { airport, fly } from "./track-factory";

const infer = (pts: ReturnType<typeof fly>, side: "origin" | "destination") => inferEndpoint(pts, side, REFERENCE_AIRPORTS, CFG.endpoints);

describe("inferEndpoint", () => {
  it("takes the nearest airport to a low first/last position", () => {
    const pts = fly({ from: airport("MUHA"), to: airport("SVMI"), groundEnds: true });
    const o = infer(pts, "origin");
    expect(o).toMatchObject({ airportIcao: "MUHA", country: "CU", method: "airport" });
    expect(o.explanation).toContain("MUHA");
    expect(infer(pts, "destination")).toMatchObject({ airportIcao: "SVMI", country: "VE", method: "airport" });
  });

  it("infers the country ahead over water when the track ends at altitude, and explains it", () => {
    // Dark before arrival: last position over the Caribbean heading for Caracas.
    const pts = fly({ from: airport("MUHA"), to: airport("SVMI"), groundEnds: true, keep: [0, 0.8] });
    const d = infer(pts, "destination");
    expect(d.airportIcao).toBeNull();
    expect(d.method).toBe("inferred");
    expect(d.country).toBe("VE");
    expect(d.explanation).toMatch(/^track ends at FL350 over water, \d+ km .* of Venezuela ahead along its heading of 1\d\d°.*likely to Venezuela$/);
    expect(d.headingDeg).toBeGreaterThan(100);
  });

  it("infers the country behind over water when the track starts at altitude", () => {
    const start = destinationPoint(airport("MUHA"), 150, 250);
    const pts = fly({ from: start, to: airport("SVMI"), groundEnds: false });
    const o = infer(pts, "origin");
    expect(o).toMatchObject({ airportIcao: null, method: "inferred", country: "CU" });
    expect(o.explanation).toContain("likely from Cuba");
    expect(o.distanceKm).toBeGreaterThan(0);
  });

  it("uses the country under the point when the track starts at altitude over land", () => {
    const pts = fly({ from: { latDeg: 21.9, lonDeg: -79.0 }, to: airport("SVMI") });
    expect(infer(pts, "origin")).toMatchObject({ method: "inferred", country: "CU", airportIcao: null });
  });

  it("says unknown when no land lies within reach", () => {
    const pts = fly({ from: { latDeg: 14, lonDeg: -50 }, to: { latDeg: 15, lonDeg: -45 } });
    const o = infer(pts, "origin");
    expect(o.method).toBe("unknown");
    expect(o.country).toBeNull();
    expect(o.explanation).toContain("no land within 600 km");
  });
});
