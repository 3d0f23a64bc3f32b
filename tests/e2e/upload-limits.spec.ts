import zlib from "node:zlib";
import pg from "pg";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createAccount, createToken } from "./support/accounts";
import { E2E_UPLOAD_MAX_BYTES } from "./global-setup";

/** What an upload could leave behind: batches, positions, stored originals. */
async function footprint() {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM import_batches)::int AS batches, (SELECT count(*) FROM positions)::int AS positions,
            (SELECT count(*) FROM stored_files)::int AS stored_files, (SELECT count(*) FROM stored_file_chunks)::int AS chunks`,
  );
  await client.end();
  return rows[0] as Record<string, number>;
}

async function finishedJob(request: APIRequestContext, jobId: string, token: string) {
  let job: { phase: string; outcome: { status: string; reason?: string } | null; error: string | null } = { phase: "importing", outcome: null, error: null };
  for (let i = 0; i < 240 && job.phase !== "done" && job.phase !== "failed"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    job = await (await request.get(`/api/imports/jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } })).json();
  }
  return job;
}

test("an upload over the size limit is refused with a clear message and leaves nothing behind", async ({ request }) => {
  const researcher = await createAccount("RESEARCHER");
  const { token } = await createToken(researcher.email);
  const before = await footprint();
  const header = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n";
  const row = "1722900000,0b0fa9,20.0,-75.0,230,180,0,CUB1,False,,,,10000,,,\n";
  const body = header + row.repeat(Math.ceil((E2E_UPLOAD_MAX_BYTES + 1_000_000) / row.length));
  const response = await request.post("/api/imports", { data: body, headers: { authorization: `Bearer ${token}`, "x-file-name": "too_big.csv" } });
  expect(response.status()).toBe(413);
  const answer = (await response.json()) as { error: string };
  expect(answer.error).toBe(`too_big.csv is larger than the upload limit of ${Math.round(E2E_UPLOAD_MAX_BYTES / 1e6)} MB`);
  expect(await footprint()).toEqual(before);
});

test("a gzip bomb is refused with a clear message and leaves nothing behind", async ({ request }) => {
  const researcher = await createAccount("RESEARCHER");
  const { token } = await createToken(researcher.email);
  const before = await footprint();
  // A well-formed OpenSky file of 300 MB that compresses to well under 1 MB: the parser reads on,
  // so only the 200× expansion limit can stop it.
  const header = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n";
  const row = "1722900000,0b0fa9,20.0,-75.0,230,180,0,CUB1,False,,,,10000,,,\n";
  const bomb = zlib.gzipSync(Buffer.concat([Buffer.from(header), Buffer.alloc(300 * 1024 * 1024, row)]), { level: 9 });
  expect(bomb.length).toBeLessThan(E2E_UPLOAD_MAX_BYTES);
  const response = await request.post("/api/imports", { data: bomb, headers: { authorization: `Bearer ${token}`, "x-file-name": "bomb.csv.gz" } });
  expect(response.status()).toBe(202);
  const job = await finishedJob(request, ((await response.json()) as { jobId: string }).jobId, token);
  const message = job.outcome?.reason ?? job.error ?? "";
  expect(message).toMatch(/bomb\.csv\.gz.*expands more than 200×|expands more than 200×/);
  expect(await footprint()).toEqual(before);
});
