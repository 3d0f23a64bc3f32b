-- The traffic around a silence (which other aircraft were heard near it, and whether the feed was
-- alive) asks for positions in a few grid cells over a time window. The time index alone reads
-- every position in the window, anywhere (~100 times the rows wanted on a busy day); this one
-- reads only those cells. The expression is gridCellSql("lat_deg", "lon_deg", 0.5), the reception
-- map's default grid (lib/core/reception/grid-cell.ts): a test keeps the two the same, and a
-- map of another cell size is still answered, through the time index.
CREATE INDEX "positions_cell_time_idx" ON "positions" (
  ((least(359, greatest(0, floor((lat_deg + 90) / 0.5)))::int * 720 + (((floor((lon_deg + 180) / 0.5)::int % 720) + 720) % 720))),
  "time"
);
