import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMigrationState, migrateDatabase, readMigrationFiles } from "@/lib/infra/migrate";

const url = process.env.DATABASE_URL!;
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(() => client.end());

describe("npm run db:migrate", () => {
  it("records every migration in Prisma's _prisma_migrations format, with the file's sha256", async () => {
    const files = readMigrationFiles();
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("is a no-op when up to date", async () => {
    expect(await migrateDatabase(url)).toEqual([]);
    expect((await getMigrationState(url)).pending).toEqual([]);
  });

  it("rolls a failing migration back whole and records nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-migrations-"));
    for (const file of readMigrationFiles()) {
      fs.mkdirSync(path.join(dir, file.name));
      fs.writeFileSync(path.join(dir, file.name, "migration.sql"), file.sql);
    }
    fs.mkdirSync(path.join(dir, "29990101000000_broken"));
    fs.writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE half_made (id int);\nSELECT * FROM no_such_table;`,
    );
    await expect(migrateDatabase(url, dir)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const table = await client.query(`SELECT to_regclass('half_made') AS t`);
    expect(table.rows[0].t).toBeNull();
    const recorded = await client.query(`SELECT 1 FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'`);
    expect(recorded.rowCount).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
