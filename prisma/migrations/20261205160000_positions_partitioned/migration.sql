-- positions becomes RANGE-partitioned on "time", one partition per UTC month (positions_pYYYYMM),
-- so a month can be detached, exported and dropped (`retention`) and scans stay within months.
-- There is no DEFAULT partition: the application creates a month's partition before writing to it
-- (lib/server/positions/position-partitions.ts), with CREATE TABLE + ATTACH PARTITION,
-- which does not wait for an import that is writing positions.
--
-- The foreign key positions.batch_id → import_batches goes: with it, ATTACH PARTITION needs
-- SHARE ROW EXCLUSIVE on import_batches and waits for every open import transaction. batch_id
-- stays (indexed) and the importers delete a batch's positions themselves.
--
-- An existing database is carried over: old table renamed, rows moved, indexes built after the load.

ALTER TABLE "positions" DROP CONSTRAINT "positions_batch_id_fkey";
ALTER TABLE "positions" RENAME TO "positions_unpartitioned";
ALTER TABLE "positions_unpartitioned" RENAME CONSTRAINT "positions_pkey" TO "positions_unpartitioned_pkey";
DROP INDEX "positions_time_idx";
DROP INDEX "positions_batch_id_idx";

CREATE TABLE "positions" (
    "icao24" CHAR(6) NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "lat_deg" DOUBLE PRECISION NOT NULL,
    "lon_deg" DOUBLE PRECISION NOT NULL,
    "altitude_baro_ft" INTEGER,
    "altitude_geo_ft" INTEGER,
    "ground_speed_kt" REAL,
    "track_deg" REAL,
    "vertical_rate_fpm" INTEGER,
    "callsign" VARCHAR(8),
    "squawk" CHAR(4),
    "on_ground" BOOLEAN NOT NULL DEFAULT false,
    "source" "PositionSource" NOT NULL DEFAULT 'ADSB',
    "batch_id" BIGINT NOT NULL
) PARTITION BY RANGE ("time");

-- One partition per month that holds rows. Bounds are UTC midnights written with "+00", so the
-- session's TimeZone cannot shift them.
DO $$
DECLARE
  month_start timestamp;
BEGIN
  FOR month_start IN
    SELECT DISTINCT date_trunc('month', "time" AT TIME ZONE 'UTC') FROM "positions_unpartitioned" ORDER BY 1
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "positions" FOR VALUES FROM (%L) TO (%L)',
      'positions_p' || to_char(month_start, 'YYYYMM'),
      to_char(month_start, 'YYYY-MM-DD') || ' 00:00:00+00',
      to_char(month_start + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00'
    );
  END LOOP;
END
$$;

-- In the old table's physical order (import order): each batch's rows stay together in its months,
-- which is what the block-range index on batch_id below relies on.
INSERT INTO "positions" ("icao24", "time", "lat_deg", "lon_deg", "altitude_baro_ft", "altitude_geo_ft", "ground_speed_kt",
                         "track_deg", "vertical_rate_fpm", "callsign", "squawk", "on_ground", "source", "batch_id")
SELECT "icao24", "time", "lat_deg", "lon_deg", "altitude_baro_ft", "altitude_geo_ft", "ground_speed_kt",
       "track_deg", "vertical_rate_fpm", "callsign", "squawk", "on_ground", "source", "batch_id"
  FROM "positions_unpartitioned";

DROP TABLE "positions_unpartitioned";

-- Per-aircraft reads (tracks, detection) use the key.
ALTER TABLE "positions" ADD CONSTRAINT "positions_pkey" PRIMARY KEY ("icao24", "time");
-- A B-tree, not BRIN, on time: BRIN serves the time-window reads (traffic around a silence) but not
-- min(time)/max(time) (overview, detection's end of data), which it turns into full scans.
CREATE INDEX "positions_time_idx" ON "positions"("time");
-- A batch's positions (re-import deletes them; the import page lists their aircraft): a batch is
-- written in one go, so its rows fill consecutive blocks and a block-range index finds them as
-- fast as a B-tree at a few hundredths of a percent of its size.
CREATE INDEX "positions_batch_id_idx" ON "positions" USING brin ("batch_id") WITH (pages_per_range = 32, autosummarize = on);

ANALYZE "positions";
