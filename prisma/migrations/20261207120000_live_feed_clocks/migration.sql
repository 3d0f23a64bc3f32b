-- Each live feed's own clock: the newest position of the last batch it committed, and when it
-- committed it (this machine's time). An aircraft's silence is measured against the clock of the feed that
-- last heard it, not the newest position of any feed: a recording replayed faster than real time
-- beside real-time feeds runs ahead of them, and would make their aircraft look silent.
CREATE TABLE "live_feed_clocks" (
    "feed" TEXT NOT NULL,
    "stream_time" TIMESTAMPTZ(3) NOT NULL,
    "committed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "live_feed_clocks_pkey" PRIMARY KEY ("feed")
);

-- The feeds that ran before: their batches carry the feed's URL as their file name (a live path
-- of several feeds committed them together, under one "live (N sources)" name: one clock for those).
INSERT INTO "live_feed_clocks" ("feed", "stream_time", "committed_at")
SELECT "file_name", max("last_time"), max("finished_at") FROM "import_batches"
 WHERE "dataset" = 'live' AND "status" = 'COMMITTED' AND "last_time" IS NOT NULL AND "finished_at" IS NOT NULL
 GROUP BY "file_name";
