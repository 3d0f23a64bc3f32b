import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { citusWorkers, createClusterDatabase, dropClusterDatabase } from "./citus-cluster-database";
import { startEmbeddedDatabase } from "./embedded-database";

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test or benchmark run, never the demo database:
 * - with TEST_DATABASE_URL or DATABASE_URL set, a new `darkflight_scratch_…` database on that server;
 * - otherwise a throw-away embedded PostgreSQL cluster in a temporary directory.
 */
export async function createScratchDatabase(options: { durable?: boolean } = {}): Promise<ScratchDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (serverUrl) return createDatabaseOnServer(serverUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-scratch-"));
  const embedded = await startEmbeddedDatabase({ dataDir, databaseName: "darkflight_scratch", fast: !options.durable });
  return {
    url: embedded.url,
    drop: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new, empty database of its own on a running server (dropped by `drop`, connections and all).
 * On a Citus coordinator it exists on every node, with the cluster's workers registered.
 */
export async function createDatabaseOnServer(serverUrl: string): Promise<ScratchDatabase> {
  const name = `darkflight_scratch_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const workers = await citusWorkers(admin.toString());
  if (workers) {
    await createClusterDatabase(admin.toString(), workers, name);
  } else {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      if (workers) return dropClusterDatabase(admin.toString(), workers, name);
      const dropper = new pg.Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
