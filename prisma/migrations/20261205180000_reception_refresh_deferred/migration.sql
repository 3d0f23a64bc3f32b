-- The reception map is refreshed by the detection that follows an import, not inside the
-- import's transaction (lib/server/reception/refresh-pending-reception.ts): an import lands at
-- the speed of COPY. NULL on a committed batch = its map refresh is still pending.
ALTER TABLE "import_batches" ADD COLUMN "map_refreshed_at" TIMESTAMPTZ(3);
UPDATE "import_batches" SET "map_refreshed_at" = coalesce("finished_at", now()) WHERE "status" = 'COMMITTED';
