-- darkflight: the analysts' watchlist (hand-written in Prisma's style; see prisma/schema.prisma).

-- CreateEnum
CREATE TYPE "WatchlistKind" AS ENUM ('TYPECODE', 'ICAO24', 'TAG');

-- CreateTable
CREATE TABLE "watchlist_entries" (
    "id" SERIAL NOT NULL,
    "kind" "WatchlistKind" NOT NULL,
    "value" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watchlist_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "watchlist_entries_kind_value_key" ON "watchlist_entries"("kind", "value");

-- Seed: the default type watchlist (lib/core/reference/default-watchlist.ts), the report's aircraft.
-- Seeded once, here, so an analyst's removal survives every start.
INSERT INTO "watchlist_entries" ("kind", "value", "note") VALUES
    ('TYPECODE', 'IL76', 'Ilyushin Il-76 (all variants, and the Il-78 tanker)'),
    ('TYPECODE', 'IL96', 'Ilyushin Il-96'),
    ('TYPECODE', 'A342', 'Airbus A340-200'),
    ('TYPECODE', 'A343', 'Airbus A340-300'),
    ('TYPECODE', 'A345', 'Airbus A340-500'),
    ('TYPECODE', 'A346', 'Airbus A340-600');
