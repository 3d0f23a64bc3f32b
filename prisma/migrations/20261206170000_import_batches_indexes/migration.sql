-- A live feed commits a batch every 2 s: 1.3 million import_batches rows a month per feed, where
-- every detection run (every few seconds under a live feed) read the whole table to find the
-- batches the reception map has not taken in and the end of the data, and every import and every
-- view of the import history scanned it too (0.2-0.4 s each at 1.3 million rows, growing).

-- The batches the reception map has still to take in: a handful at any time.
CREATE INDEX "import_batches_pending_map_idx" ON "import_batches" ("id") WHERE "map_refreshed_at" IS NULL;

-- The end of the data the map has taken in (max(last_time)): read from the top of this index.
CREATE INDEX "import_batches_mapped_last_time_idx" ON "import_batches" ("last_time")
  WHERE "status" = 'COMMITTED' AND "map_refreshed_at" IS NOT NULL;

-- The import history lists files, newest first, without stepping over the live feeds' batches.
CREATE INDEX "import_batches_files_idx" ON "import_batches" ("id") WHERE "dataset" IS DISTINCT FROM 'live';

-- Whether a file of this size may already be stored (has-content-of-size.ts), before hashing it.
CREATE INDEX "import_batches_size_bytes_idx" ON "import_batches" ("size_bytes");
