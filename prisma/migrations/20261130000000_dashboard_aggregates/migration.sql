-- CreateTable
CREATE TABLE "position_day_counts" (
    "day" DATE NOT NULL,
    "positions" BIGINT NOT NULL,

    CONSTRAINT "position_day_counts_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "audit_events_subject_idx" ON "audit_events"("subject");

-- Backfill the stored aggregate from the positions already imported (one scan, once).
INSERT INTO "position_day_counts" ("day", "positions")
SELECT ("time" AT TIME ZONE 'UTC')::date, count(*) FROM "positions" GROUP BY 1;
