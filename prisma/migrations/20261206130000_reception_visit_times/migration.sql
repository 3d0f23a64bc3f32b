-- When each received position of a visit arrived (ms after the hour began): the traffic around a
-- silence is then read from the map's few rows per cell and hour instead of every position of
-- every aircraft in the silence's hours (lib/server/reception/load-traffic-around.ts).
ALTER TABLE "reception_visits" ADD COLUMN "received_ms" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- The map is rebuilt with the times: emptied here, it is built again from the positions at the
-- next start or migration (ensure-reception-map.ts), as for a database from before the map.
TRUNCATE "reception_visits", "reception_cells";

-- The positions the map leaves out (airborne without an altitude: no altitude band), which the
-- traffic around a silence still counts: few, so their index costs an import next to nothing.
CREATE INDEX "positions_unknown_altitude_time_idx" ON "positions" ("time")
  WHERE NOT "on_ground" AND "altitude_baro_ft" IS NULL AND "altitude_geo_ft" IS NULL;
