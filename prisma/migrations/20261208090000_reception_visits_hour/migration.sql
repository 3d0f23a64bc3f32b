-- The count of aircraft around a silence reads what is left of a long window from the map's
-- visits of its hours (lib/server/reception/count-alive-around.ts): ~800 visits an hour at 11 M
-- positions, where the positions of the same hour are ~20,000.
CREATE INDEX "reception_visits_hour_idx" ON "reception_visits" ("hour");
