-- The flight list is read in pages in (score DESC, first_seen, icao24, id) order, each after the
-- last one's end (lib/server/flights/list-flights.ts): this index serves each page as a range,
-- where the index on score alone left every page to sort every flight. Its leading column serves
-- what the old one did (the review queue by score).
DROP INDEX "flights_score_idx";
CREATE INDEX "flights_score_first_seen_icao24_id_idx" ON "flights" ("score" DESC, "first_seen", "icao24", "id");
