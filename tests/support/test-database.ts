import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../../lib/infra/embedded-database";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test run, never the demo database:
 * - with TEST_DATABASE_URL or DATABASE_URL set, a new `darkflight_test_…` database on that server;
 * - otherwise a throw-away embedded PostgreSQL cluster in a temporary directory.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (serverUrl) return createDatabaseOnServer(serverUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-test-"));
  const embedded = await startEmbeddedDatabase({ dataDir, databaseName: "darkflight_test", fast: true });
  return {
    url: embedded.url,
    drop: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createDatabaseOnServer(serverUrl: string): Promise<TestDatabase> {
  const name = `darkflight_test_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
