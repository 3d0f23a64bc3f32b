-- The map track is written once per detection and read whole: `json` keeps its text as sent,
-- where `jsonb` turned each of its up to 8,000 numbers into a numeric and back (most of the time
-- detection spent storing flights; npm run bench:detect). Nothing queries inside it.
ALTER TABLE "flights" ALTER COLUMN "map_track" TYPE JSON USING "map_track"::json;

-- Compressed with lz4 where the server was built with it (Debian's is; the embedded one is not
-- and keeps pglz): pglz cost ~0.6 s per million positions detected, lz4 next to nothing.
DO $$
BEGIN
  ALTER TABLE "flights" ALTER COLUMN "map_track" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;
