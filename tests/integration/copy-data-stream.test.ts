import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CopyDataStream } from "@/lib/server/db/copy-data-stream";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";

/** Issue 11: detection reads its positions through this stream; it must hand over what the server copied, byte for byte. */
let client: pg.PoolClient;
const ROWS_SQL = `SELECT g, repeat('x', g % 50), (g * 0.25)::float8, g % 3 = 0 FROM generate_series(1, 200000) g`;

async function digest(stream: AsyncIterable<Buffer>, slowly = false): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  let reads = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
    // A slow reader: the server must wait (backpressure), and nothing may be lost meanwhile.
    if (slowly && ++reads % 20 === 0) await sleep(5);
  }
  return { sha256: hash.digest("hex"), bytes };
}

beforeAll(async () => {
  client = await dbPool().connect();
});
afterAll(async () => {
  client.release();
  await closeDbPool();
});

describe("CopyDataStream", () => {
  it("hands over the same bytes as pg-copy-streams, read fast or slowly, and leaves the connection usable", async () => {
    const sql = `COPY (${ROWS_SQL}) TO STDOUT (FORMAT binary)`;
    const expected = await digest(client.query(copyTo(sql)));
    expect(expected.bytes).toBeGreaterThan(5_000_000);
    expect(await digest(client.query(new CopyDataStream(sql)))).toEqual(expected);
    expect(await digest(client.query(new CopyDataStream(sql)), true)).toEqual(expected);
    expect((await client.query("SELECT 41 + 1 AS n")).rows[0].n).toBe(42);
  });

  it("skips the notices the server sends between rows", async () => {
    await client.query(`CREATE FUNCTION pg_temp.noisy(i int) RETURNS int LANGUAGE plpgsql AS $$
      BEGIN IF i % 997 = 0 THEN RAISE NOTICE 'row %', i; END IF; RETURN i; END $$`);
    const notices: string[] = [];
    const onNotice = (n: { message?: string }) => notices.push(n.message ?? "");
    client.on("notice", onNotice);
    try {
      const plain = await digest(client.query(copyTo(`COPY (SELECT g FROM generate_series(1, 50000) g) TO STDOUT (FORMAT binary)`)));
      const noisy = await digest(client.query(new CopyDataStream(`COPY (SELECT pg_temp.noisy(g) FROM generate_series(1, 50000) g) TO STDOUT (FORMAT binary)`)));
      expect(noisy).toEqual(plain);
      // The server does send them (~50 during that COPY): a plain query hears its one.
      await client.query("SELECT pg_temp.noisy(997)");
      expect(notices).toEqual(["row 997"]);
    } finally {
      client.off("notice", onNotice);
    }
    expect((await client.query("SELECT 1 AS n")).rows[0].n).toBe(1);
  });

  it("fails with the server's error when the COPY fails midway, and the connection goes on", async () => {
    const stream = client.query(new CopyDataStream(`COPY (SELECT 1 / (g - 150000) FROM generate_series(1, 200000) g) TO STDOUT (FORMAT binary)`));
    let received = 0;
    const error = await (async () => {
      for await (const chunk of stream) received += (chunk as Buffer).length;
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "22012" });
    expect(received).toBeGreaterThan(0);
    expect((await client.query("SELECT 2 AS n")).rows[0].n).toBe(2);
  });
});
