-- The map's track of each flight, thinned once at detection time (lib/core/flights/map-track.ts)
-- so pages never re-read and re-simplify its positions per request.
ALTER TABLE "flights" ADD COLUMN "map_track" JSONB;
