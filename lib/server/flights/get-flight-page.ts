import "server-only";
import { flightProfileSeries, type FlightProfileSeries } from "../../core/charts/flight-profile-series";
import { parseFlightKey, type FlightRecord } from "../../core/flight-record";
import type { TrackMapData } from "../../core/map/map-data";
import { projectTrackMap } from "../../core/map/project-track-map";
import { receptionCellsOfFlags } from "../../core/map/reception-layer";
import type { ZoneRef } from "../../core/model/zone-ref";
import type { CurrentUser } from "../auth/current-user";
import { REVIEW_ROLES } from "../auth/require-role";
import { cachedForPublication } from "../public/cached-for-publication";
import { cachedByVersion } from "../public/versioned-cache";
import { getFlightTrackStamp } from "./get-flight-track-stamp";
import { getFlightView, type FlightView } from "./get-flight-view";
import { loadFlightPageTrack, type FlightPageTrack } from "./load-flight-page-track";

/** Points of the profile chart: about one per pixel of its width. */
const PROFILE_POINTS = 1000;

export interface FlightPage {
  view: FlightView & { page: FlightPageTrack };
  map: TrackMapData;
  profile: FlightProfileSeries;
}

interface ShapedTrack {
  page: FlightPageTrack;
  map: TrackMapData;
  profile: FlightProfileSeries;
}

/**
 * The flight page's data, shaped: the view (who may see what is decided there), the projected
 * map and the profile series.
 * - Readers: what they see of a published flight is the same for all of them, so the whole page's
 *   data is kept per publication version (cached-for-publication.ts).
 * - Analysts: the review, notes and audit trail are read per request; the track, map and profile
 *   are kept per detection of the flight (getFlightTrackStamp), as nothing else changes them.
 * - A researcher's own unpublished upload is built for them alone.
 */
export async function getFlightPage(key: string, viewer: CurrentUser | null): Promise<FlightPage | null> {
  if (viewer && REVIEW_ROLES.includes(viewer.role)) return analystFlightPage(key, viewer);
  const shared = await cachedForPublication(`flight:${key}`, () => buildFlightPage(key, null));
  if (shared || viewer === null) return shared;
  return buildFlightPage(key, viewer);
}

async function analystFlightPage(key: string, viewer: CurrentUser): Promise<FlightPage | null> {
  const ref = parseFlightKey(key);
  if (!ref) return null;
  // The stamp is read before the flight, so the shapes kept under it are never older than it.
  const stamp = await getFlightTrackStamp(ref);
  if (stamp === null) return null;
  const view = await getFlightView(key, viewer, "summary");
  if (!view) return null;
  const shaped = await cachedByVersion(`analyst-track:${key}`, stamp, () => shapeTrack(view.flight, view.watchedZones));
  return { view: { ...view, page: shaped.page }, map: shaped.map, profile: shaped.profile };
}

async function buildFlightPage(key: string, viewer: CurrentUser | null): Promise<FlightPage | null> {
  const view = await getFlightView(key, viewer, "summary");
  if (!view) return null;
  const shaped = await shapeTrack(view.flight, view.watchedZones);
  return { view: { ...view, page: shaped.page }, map: shaped.map, profile: shaped.profile };
}

async function shapeTrack(flight: FlightRecord, watchedZones: ZoneRef[]): Promise<ShapedTrack> {
  const page = await loadFlightPageTrack(flight);
  const map = projectTrackMap({
    points: page.map,
    gaps: flight.gaps,
    zones: watchedZones,
    origin: endpointOf(flight.origin),
    destination: endpointOf(flight.destination),
    receptionCells: receptionCellsOfFlags(flight.flags),
  });
  return { page, map, profile: flightProfileSeries(page.profile, flight.gaps, PROFILE_POINTS) };
}

function endpointOf(e: { airportIcao: string | null; latDeg: number | null; lonDeg: number | null }) {
  return e.latDeg === null || e.lonDeg === null ? null : { icao: e.airportIcao, latDeg: e.latDeg, lonDeg: e.lonDeg };
}
