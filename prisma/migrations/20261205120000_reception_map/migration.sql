-- A new flag kind: positions that freeze or teleport (GPS spoofing or a corrupt feed), told apart from gaps.
ALTER TYPE "FlagKind" ADD VALUE IF NOT EXISTS 'POSITION_SPOOFING';

-- The reception map, per aircraft: for each hour, grid cell and altitude band an aircraft crossed,
-- how many positions its own sampling predicts (thousandths of a position, integers so that sums
-- are exact in any order) and how many arrived. Rebuilt for the aircraft and hours an import touches.
CREATE TABLE "reception_visits" (
    "icao24" CHAR(6) NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "cell" INTEGER NOT NULL,
    "band" SMALLINT NOT NULL,
    "received" INTEGER NOT NULL,
    "expected_milli" BIGINT NOT NULL,

    CONSTRAINT "reception_visits_pkey" PRIMARY KEY ("icao24","hour","cell","band")
);
CREATE INDEX "reception_visits_cell_band_hour_idx" ON "reception_visits"("cell", "band", "hour");

-- The reception map: the sums of reception_visits per cell, band and hour, kept by the same
-- transactions that change the visits. A cell with no row was never crossed: unknown, not covered.
CREATE TABLE "reception_cells" (
    "cell" INTEGER NOT NULL,
    "band" SMALLINT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "received" BIGINT NOT NULL,
    "expected_milli" BIGINT NOT NULL,
    "visits" INTEGER NOT NULL,
    "visits_received" INTEGER NOT NULL,

    CONSTRAINT "reception_cells_pkey" PRIMARY KEY ("cell","band","hour")
);
CREATE INDEX "reception_cells_hour_idx" ON "reception_cells"("hour");
