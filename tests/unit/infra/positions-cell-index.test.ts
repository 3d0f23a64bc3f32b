import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_RECEPTION_CONFIG } from "@/lib/core/model/reception-config";
import { gridCellSql } from "@/lib/core/reception/grid-cell";

describe("the positions' (cell, time) index", () => {
  it("is built on the same cell formula as the reception map's default grid", () => {
    const dir = path.join(process.cwd(), "prisma/migrations");
    const migration = fs.readdirSync(dir).find((name) => name.endsWith("_positions_cell_time_index"));
    const sql = fs.readFileSync(path.join(dir, migration!, "migration.sql"), "utf8");
    expect(sql).toContain(`(${gridCellSql("lat_deg", "lon_deg", DEFAULT_RECEPTION_CONFIG.cellDeg)})`);
  });
});
