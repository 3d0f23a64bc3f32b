-- darkflight schema v1 (hand-written in Prisma's style; see prisma/schema.prisma).

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'ANALYST', 'RESEARCHER');

-- CreateEnum
CREATE TYPE "PositionSource" AS ENUM ('ADSB', 'MLAT', 'TISB', 'ADSC', 'MODE_S', 'ASTERIX', 'FLARM', 'OTHER');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('RUNNING', 'COMMITTED', 'REFUSED', 'FAILED');

-- CreateEnum
CREATE TYPE "FlagKind" AS ENUM ('TYPE_OF_INTEREST', 'CUBA_VENEZUELA', 'UNSCHEDULED', 'TRANSPONDER_GAP', 'ZONE_AVOIDANCE');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('NEW', 'IN_REVIEW', 'CONFIRMED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "ZoneKind" AS ENUM ('FIR', 'WATCHED');

-- CreateTable
CREATE TABLE "aircraft" (
    "icao24" CHAR(6) NOT NULL,
    "registration" TEXT,
    "typecode" TEXT,
    "model" TEXT,
    "operator" TEXT,
    "operator_icao" TEXT,
    "block_country" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "identity_source" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "aircraft_pkey" PRIMARY KEY ("icao24")
);

-- CreateTable
CREATE TABLE "import_batches" (
    "id" BIGSERIAL NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "file_name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "dataset" TEXT,
    "status" "ImportStatus" NOT NULL DEFAULT 'RUNNING',
    "size_bytes" BIGINT NOT NULL,
    "rows_accepted" INTEGER NOT NULL DEFAULT 0,
    "rows_duplicate" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "first_time" TIMESTAMPTZ(3),
    "last_time" TIMESTAMPTZ(3),
    "report" JSONB,
    "uploaded_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stored_files" (
    "sha256" CHAR(64) NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "compressed_bytes" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_files_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "stored_file_chunks" (
    "sha256" CHAR(64) NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "stored_file_chunks_pkey" PRIMARY KEY ("sha256","seq")
);

-- CreateTable
CREATE TABLE "detection_requests" (
    "icao24" CHAR(6) NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "window_end" TIMESTAMPTZ(3) NOT NULL,
    "batch_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_requests_pkey" PRIMARY KEY ("icao24","id")
);

-- CreateTable
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
    "batch_id" BIGINT NOT NULL,

    CONSTRAINT "positions_pkey" PRIMARY KEY ("icao24","time")
);

-- CreateTable
CREATE TABLE "flights" (
    "icao24" CHAR(6) NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "first_seen" TIMESTAMPTZ(3) NOT NULL,
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "callsign" VARCHAR(8),
    "origin_icao" VARCHAR(4),
    "destination_icao" VARCHAR(4),
    "origin_country" TEXT,
    "destination_country" TEXT,
    "endpoints_inferred" JSONB,
    "position_count" INTEGER NOT NULL,
    "distance_km" DOUBLE PRECISION NOT NULL,
    "max_altitude_ft" INTEGER,
    "fir_sequence" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "detector_version" TEXT NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flights_pkey" PRIMARY KEY ("icao24","id")
);

-- CreateTable
CREATE TABLE "flags" (
    "icao24" CHAR(6) NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "flight_id" BIGINT NOT NULL,
    "kind" "FlagKind" NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "window_end" TIMESTAMPTZ(3) NOT NULL,
    "evidence" JSONB NOT NULL,
    "rule_version" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flags_pkey" PRIMARY KEY ("icao24","id")
);

-- CreateTable
CREATE TABLE "gap_events" (
    "icao24" CHAR(6) NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "flight_id" BIGINT NOT NULL,
    "off_time" TIMESTAMPTZ(3) NOT NULL,
    "off_lat_deg" DOUBLE PRECISION NOT NULL,
    "off_lon_deg" DOUBLE PRECISION NOT NULL,
    "off_altitude_ft" INTEGER,
    "off_speed_kt" REAL,
    "on_time" TIMESTAMPTZ(3),
    "on_lat_deg" DOUBLE PRECISION,
    "on_lon_deg" DOUBLE PRECISION,
    "on_altitude_ft" INTEGER,
    "on_speed_kt" REAL,
    "duration_s" INTEGER NOT NULL,
    "distance_km" DOUBLE PRECISION,
    "implied_speed_kt" REAL,
    "open" BOOLEAN NOT NULL DEFAULT false,
    "partial" BOOLEAN NOT NULL DEFAULT false,
    "suspected" BOOLEAN NOT NULL DEFAULT false,
    "confidence" REAL NOT NULL DEFAULT 0,
    "witness_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "gap_events_pkey" PRIMARY KEY ("icao24","id")
);

-- CreateTable
CREATE TABLE "reviews" (
    "icao24" CHAR(6) NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "flight_id" BIGINT NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'NEW',
    "assignee_id" INTEGER,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "published_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("icao24","id")
);

-- CreateTable
CREATE TABLE "notes" (
    "icao24" CHAR(6) NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "flight_id" BIGINT NOT NULL,
    "author_id" INTEGER,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("icao24","id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "airports" (
    "icao" VARCHAR(4) NOT NULL,
    "iata" VARCHAR(3),
    "name" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "lat_deg" DOUBLE PRECISION NOT NULL,
    "lon_deg" DOUBLE PRECISION NOT NULL,
    "elevation_ft" INTEGER,

    CONSTRAINT "airports_pkey" PRIMARY KEY ("icao")
);

-- CreateTable
CREATE TABLE "zones" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ZoneKind" NOT NULL,
    "watched" BOOLEAN NOT NULL DEFAULT false,
    "geometry" JSONB NOT NULL,
    "source" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zones_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedules" (
    "id" SERIAL NOT NULL,
    "callsign" VARCHAR(8) NOT NULL,
    "origin_icao" VARCHAR(4) NOT NULL,
    "destination_icao" VARCHAR(4) NOT NULL,
    "weekdays" VARCHAR(7) NOT NULL,
    "departure_utc" CHAR(5) NOT NULL,
    "arrival_utc" CHAR(5) NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE NOT NULL,
    "operator" TEXT,
    "flight_number" TEXT,
    "typecode" TEXT,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "aircraft_typecode_idx" ON "aircraft"("typecode");

-- CreateIndex
CREATE INDEX "aircraft_registration_idx" ON "aircraft"("registration");

-- CreateIndex
CREATE UNIQUE INDEX "import_batches_sha256_key" ON "import_batches"("sha256");

-- CreateIndex
CREATE INDEX "positions_time_idx" ON "positions"("time");

-- CreateIndex
CREATE INDEX "positions_batch_id_idx" ON "positions"("batch_id");

-- CreateIndex
CREATE INDEX "flights_first_seen_idx" ON "flights"("first_seen");

-- CreateIndex
CREATE INDEX "flights_score_idx" ON "flights"("score" DESC);

-- CreateIndex
CREATE INDEX "flags_icao24_flight_id_idx" ON "flags"("icao24", "flight_id");

-- CreateIndex
CREATE INDEX "flags_kind_idx" ON "flags"("kind");

-- CreateIndex
CREATE INDEX "gap_events_icao24_flight_id_idx" ON "gap_events"("icao24", "flight_id");

-- CreateIndex
CREATE INDEX "gap_events_off_time_idx" ON "gap_events"("off_time");

-- CreateIndex
CREATE INDEX "reviews_status_idx" ON "reviews"("status");

-- CreateIndex
CREATE UNIQUE INDEX "reviews_icao24_flight_id_key" ON "reviews"("icao24", "flight_id");

-- CreateIndex
CREATE INDEX "notes_icao24_flight_id_idx" ON "notes"("icao24", "flight_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "zones_code_key" ON "zones"("code");

-- CreateIndex
CREATE INDEX "schedules_callsign_idx" ON "schedules"("callsign");

-- CreateIndex
CREATE UNIQUE INDEX "schedules_service_key" ON "schedules"("callsign", "origin_icao", "destination_icao", "weekdays", "departure_utc", "valid_from");

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stored_file_chunks" ADD CONSTRAINT "stored_file_chunks_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "stored_files"("sha256") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_icao24_flight_id_fkey" FOREIGN KEY ("icao24", "flight_id") REFERENCES "flights"("icao24", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gap_events" ADD CONSTRAINT "gap_events_icao24_flight_id_fkey" FOREIGN KEY ("icao24", "flight_id") REFERENCES "flights"("icao24", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_icao24_flight_id_fkey" FOREIGN KEY ("icao24", "flight_id") REFERENCES "flights"("icao24", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_icao24_flight_id_fkey" FOREIGN KEY ("icao24", "flight_id") REFERENCES "flights"("icao24", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
