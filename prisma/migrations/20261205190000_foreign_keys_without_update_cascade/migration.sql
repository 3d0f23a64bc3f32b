-- Keys are never updated in place (flight ids come from a sequence, user ids too), so ON UPDATE
-- CASCADE bought nothing, and Citus refuses it on keys that include the distribution column
-- (icao24) and on keys from a distributed table to a reference table: NO ACTION on every key of
-- a distributed table, the same schema on one server and on a cluster. The originals' chunks
-- too (an import re-keys them itself, and never relied on the cascade).
ALTER TABLE "flags" DROP CONSTRAINT "flags_icao24_flight_id_fkey",
  ADD CONSTRAINT "flags_icao24_flight_id_fkey" FOREIGN KEY ("icao24", "flight_id") REFERENCES "flights"("icao24", "id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "gap_events" DROP CONSTRAINT "gap_events_icao24_flight_id_fkey",
  ADD CONSTRAINT "gap_events_icao24_flight_id_fkey" FOREIGN KEY ("icao24", "flight_id") REFERENCES "flights"("icao24", "id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "reviews" DROP CONSTRAINT "reviews_icao24_flight_id_fkey",
  ADD CONSTRAINT "reviews_icao24_flight_id_fkey" FOREIGN KEY ("icao24", "flight_id") REFERENCES "flights"("icao24", "id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "notes" DROP CONSTRAINT "notes_icao24_flight_id_fkey",
  ADD CONSTRAINT "notes_icao24_flight_id_fkey" FOREIGN KEY ("icao24", "flight_id") REFERENCES "flights"("icao24", "id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "reviews" DROP CONSTRAINT "reviews_assignee_id_fkey",
  ADD CONSTRAINT "reviews_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION;
ALTER TABLE "notes" DROP CONSTRAINT "notes_author_id_fkey",
  ADD CONSTRAINT "notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION;
ALTER TABLE "stored_file_chunks" DROP CONSTRAINT "stored_file_chunks_sha256_fkey",
  ADD CONSTRAINT "stored_file_chunks_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "stored_files"("sha256") ON DELETE CASCADE ON UPDATE NO ACTION;
