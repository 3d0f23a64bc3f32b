-- The map track as packed bytes (lib/core/flights/map-track.ts): ~3 kB for a 500-point track
-- where its JSON text was ~13 kB, and writing that text was about a quarter of detection's time
-- (npm run bench:detect). SQL cannot encode the old tracks: they become NULL, the worker packs
-- them again from the positions when it starts (fill-missing-map-tracks.ts), and pages draw
-- those flights from their positions until then.
ALTER TABLE "flights" ALTER COLUMN "map_track" TYPE BYTEA USING NULL;
-- Packed differences barely compress (pglz gave up on every track of npm run bench:detect's
-- million positions): a track past the 2 kB TOAST threshold goes out of line without the attempt.
ALTER TABLE "flights" ALTER COLUMN "map_track" SET STORAGE EXTERNAL;
