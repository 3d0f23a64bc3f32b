-- The live loop asks for the flights heard lately every few seconds (alerts to evaluate, silences
-- to queue, the flights a batch's new data end can re-grade) and the review queue's "Dark now"
-- panel on every view: without an index each read every flight (0.15-0.2 s at ~200,000 flights,
-- a year of regional traffic, and growing).
CREATE INDEX "flights_last_seen_idx" ON "flights" ("last_seen");
