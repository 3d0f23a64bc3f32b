import { describe, expect, it } from "vitest";
import { trackKml } from "@/lib/core/export/track-kml";
import { describeFlag } from "@/lib/core/format/describe-flag";
import { linePositions, parseKml } from "../../../support/parse-kml";
import { fixtureFlight } from "./flight-fixture";


describe("trackKml", () => {
  const { flight, positions } = fixtureFlight();
  const text = trackKml(flight, positions);
  const parsed = parseKml(text);
  const named = (name: string) => parsed.features.filter((f) => f.properties?.name === name);

  it("parses back to a track whose coordinates are the positions", () => {
    const track = named("CUB1234");
    expect(track).toHaveLength(1);
    const coords = linePositions(track[0]!.geometry);
    expect(coords).toHaveLength(positions.length);
    for (const [c, p] of [[coords[0]!, positions[0]!], [coords.at(-1)!, positions.at(-1)!]] as const) {
      expect(Math.abs(c[0]! - p.lonDeg)).toBeLessThan(1e-6);
      expect(Math.abs(c[1]! - p.latDeg)).toBeLessThan(1e-6);
    }
  });

  it("puts the flag sentences in the track's description for Google Earth", () => {
    const description = String(named("CUB1234")[0]!.properties!.description);
    for (const f of flight.flags) expect(description).toContain(describeFlag(f).sentence);
    expect(description).toContain("not proof that the transponder was switched off");
  });

  it("names gap lines as not observed, and styles them apart from the track", () => {
    const gapNames = parsed.features.map((f) => String(f.properties?.name)).filter((n: string) => n.endsWith("(not observed)"));
    expect(gapNames).toEqual([`suspected switch-off, ${Math.round(flight.gaps[0]!.durationS / 6) / 10} min (not observed)`, `gap, ${Math.round(flight.gaps[1]!.durationS / 6) / 10} min (not observed)`]);
    expect(text).toContain("<styleUrl>#track</styleUrl>");
    expect(text).toContain("<styleUrl>#suspected-switch-off</styleUrl>");
    expect(text).toContain("<styleUrl>#gap</styleUrl>");
    expect(text).toMatch(/<Document><name>darkflight CUB1234 0b04e2-42<\/name><Style id="track">/);
  });

  it("shows markup from the data as text, never as HTML", () => {
    const evil = fixtureFlight({ callsign: "<b>X</b>&" });
    const out = trackKml(evil.flight, evil.positions);
    expect(out).not.toContain("<b>");
    const names = parseKml(out).features.map((f) => f.properties?.name);
    expect(names).toContain("&lt;b&gt;X&lt;/b&gt;&amp;");
  });
});
