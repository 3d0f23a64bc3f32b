import pg from "pg";
import { hasCitus } from "./citus-distribution";

/**
 * A new database on a Citus cluster is a database on every node: Citus keeps its node list and
 * its extension per database, and does not create databases on the workers by itself. Used by
 * the scratch databases of tests and benchmarks (lib/infra/scratch-database.ts) when the server
 * they are pointed at is a Citus coordinator.
 */
interface WorkerNode {
  host: string;
  port: number;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("notice", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The workers of the coordinator that `adminUrl` names; null when it is not a Citus coordinator. */
export async function citusWorkers(adminUrl: string): Promise<WorkerNode[] | null> {
  return withClient(adminUrl, async (client) => {
    if (!(await hasCitus(client))) return null;
    const nodes = await client.query<{ host: string; port: number }>(
      `SELECT nodename AS host, nodeport AS port FROM pg_dist_node
        WHERE groupid <> 0 AND noderole = 'primary' AND isactive ORDER BY nodeid`,
    );
    return nodes.rows;
  });
}

function urlOn(base: string, node: WorkerNode | null, database: string): string {
  const url = new URL(base);
  if (node) {
    url.hostname = node.host;
    url.port = String(node.port);
  }
  url.pathname = `/${database}`;
  return url.toString();
}

/** Create `name` on the coordinator and on every worker, with Citus in each and the workers registered. */
export async function createClusterDatabase(adminUrl: string, workers: WorkerNode[], name: string): Promise<void> {
  for (const node of [null, ...workers]) {
    await withClient(urlOn(adminUrl, node, "postgres"), (c) => c.query(`CREATE DATABASE "${name}"`));
    await withClient(urlOn(adminUrl, node, name), (c) => c.query(`CREATE EXTENSION citus`));
  }
  const coordinator = new URL(adminUrl);
  await withClient(urlOn(adminUrl, null, name), async (c) => {
    await c.query(`SELECT citus_set_coordinator_host($1, $2)`, [coordinator.hostname, Number(coordinator.port || 5432)]);
    for (const node of workers) await c.query(`SELECT citus_add_node($1, $2)`, [node.host, node.port]);
  });
}

export async function dropClusterDatabase(adminUrl: string, workers: WorkerNode[], name: string): Promise<void> {
  for (const node of [null, ...workers]) {
    await withClient(urlOn(adminUrl, node, "postgres"), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}
