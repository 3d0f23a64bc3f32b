import type { Feature, FeatureCollection, Geometry } from "geojson";
import { toKML } from "@placemarkio/tokml";
import type { FlightRecord, TrackPositionRecord } from "../flight-record";
import { formatCount } from "../format/format-count";
import { trackGeoJson, type TrackFeature } from "./track-geojson";

/**
 * A flight as KML for Google Earth, built from {@link trackGeoJson}: the observed track (named
 * after the callsign, the flag sentences in its description), each gap's great circle as a
 * separate, differently coloured line named "… (not observed)", and the last/first positions
 * around each gap. KML has no dashed lines, so a gap is told apart by colour, width and name.
 *
 * Positions are written 2D, clamped to the ground (tokml writes lon,lat only): Google Earth would
 * otherwise need an altitude mode per line, and barometric altitude is not height above terrain.
 * Google Earth renders names and descriptions as HTML, so all text is HTML-escaped before the
 * XML escaping: data from a file ("<script>" as a callsign) shows as text and never runs.
 */
export function trackKml(flight: FlightRecord, positions: readonly TrackPositionRecord[]): string {
  const geo = trackGeoJson(flight, positions);
  const named: FeatureCollection<Geometry> = { type: "FeatureCollection", features: geo.features.map((f) => kmlFeature(flight, f)) };
  const title = `darkflight ${flight.callsign?.trim() || flight.icao24} ${flight.key}`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${addStyles(toKML(named), title, geo.features)}`;
}

function kmlFeature(flight: FlightRecord, f: TrackFeature): Feature<Geometry> {
  const p = f.properties;
  let name: string;
  let description: string;
  let data: Record<string, string | number | boolean | null>;
  switch (p.role) {
    case "track": {
      name = flight.callsign?.trim() || flight.icao24;
      const who = [flight.aircraft?.typecode, flight.aircraft?.registration, flight.icao24].filter(Boolean).join(" ");
      description = [
        `Observed track of ${name} (${who}), ${p.firstSeen.slice(0, 16).replace("T", " ")} – ${p.lastSeen.slice(0, 16).replace("T", " ")} UTC, ${formatCount(p.positionCount)} positions.`,
        `Route: ${endpoint(flight.origin)} → ${endpoint(flight.destination)}.`,
        ...(p.flags.length > 0 ? ["Flags:", ...p.flags.map((x) => `- ${x.label}: ${x.sentence} (${x.ruleVersion})`)] : ["No flags."]),
        "A gap is a silence in the data, not proof that the transponder was switched off.",
      ].join("\n");
      data = { key: p.key, icao24: p.icao24, callsign: p.callsign, registration: p.registration, typecode: p.typecode, firstSeen: p.firstSeen, lastSeen: p.lastSeen, positionCount: p.positionCount };
      break;
    }
    case "gap":
      name = `${p.kind}, ${p.durationMin} min (not observed)`;
      description =
        `Not observed: the great circle between the last position before (${hhmm(p.offTime)} UTC) and the first after ` +
        `(${hhmm(p.onTime)} UTC), ${p.durationMin} min. Nothing was received in between; the aircraft need not have flown this line.`;
      data = { kind: p.kind, observed: false, durationMin: p.durationMin, offTime: p.offTime, onTime: p.onTime, confidence: p.confidence, witnessCount: p.witnessCount };
      break;
    case "gap-off":
    case "gap-on": {
      const before = p.role === "gap-off";
      name = `${before ? "Last position before" : "First position after"} the ${p.kind}, ${hhmm(p.time)} UTC`;
      description =
        `${before ? "Last position received before" : "First position received after"} a ${p.kind} of ${p.durationMin} min` +
        `${p.partial ? " of ADS-B (MLAT / Mode S positions continued)" : ""}${p.open ? "; the track ends here (open gap): nothing more was received on this flight" : ""}.`;
      data = { kind: p.kind, time: p.time, altitudeFt: p.altitudeFt, groundSpeedKt: p.groundSpeedKt, durationMin: p.durationMin, open: p.open, partial: p.partial };
      break;
    }
  }
  return {
    type: "Feature",
    id: f.id,
    geometry: f.geometry,
    properties: { name: htmlText(name), description: htmlText(description), ...escapeValues(data) },
  };
}

/** KML colours are aabbggrr. The observed track stands out; gaps are thin and translucent. */
const STYLES =
  `<Style id="track"><LineStyle><color>ff00d7ff</color><width>3</width></LineStyle></Style>` +
  `<Style id="suspected-switch-off"><LineStyle><color>b30000ff</color><width>2</width></LineStyle></Style>` +
  `<Style id="gap"><LineStyle><color>99aaaaaa</color><width>2</width></LineStyle></Style>`;

/** tokml writes no document name and no styles; add them, and a styleUrl to each line. */
function addStyles(kml: string, title: string, features: readonly TrackFeature[]): string {
  const styleOf = new Map<string, string>();
  for (const f of features) {
    if (f.properties.role === "track") styleOf.set(String(f.id), "track");
    if (f.properties.role === "gap") styleOf.set(String(f.id), f.properties.kind === "suspected switch-off" ? "suspected-switch-off" : "gap");
  }
  const withStyles = kml.replace("<Document>", `<Document><name>${xmlText(htmlText(title))}</name>${STYLES}`);
  // Each Placemark has exactly one ExtendedData (tokml writes one even when empty); styleUrl goes before it.
  return withStyles.replace(/<Placemark id="([^"]*)">([\s\S]*?)<ExtendedData>/g, (whole, id: string, inner: string) => {
    const style = styleOf.get(id);
    return style ? `<Placemark id="${id}">${inner}<styleUrl>#${style}</styleUrl><ExtendedData>` : whole;
  });
}

/** Unknown values are left out (tokml would write the text "null"). */
function escapeValues(data: Record<string, string | number | boolean | null>): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(data).flatMap(([k, v]) => (v === null ? [] : [[k, typeof v === "string" ? htmlText(v) : v]])));
}

function endpoint(e: FlightRecord["origin"]): string {
  if (e.airportIcao) return e.inferred ? `${e.airportIcao} (inferred)` : e.airportIcao;
  return e.country ? `${e.country} (inferred from the track)` : "unknown";
}

const hhmm = (iso: string | null) => (iso ? iso.slice(11, 16) : "?");

function htmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function xmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
