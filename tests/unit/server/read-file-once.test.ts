import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFileOnce } from "@/lib/server/ingest/read-file-once";

/** One read of a file for the parser, the hash and the kept original (import-positions-file.ts). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-read-once-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("readFileOnce", () => {
  it("hands the parser, the hash and the sinks the same bytes", async () => {
    const file = path.join(dir, "a.csv");
    fs.writeFileSync(file, "x".repeat(200_000));
    const pass = readFileOnce(file, { hash: true, sinks: [] });
    let bytes = 0;
    for await (const chunk of pass.input) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(200_000);
    expect(await pass.finished).toMatchObject({ sizeBytes: 200_000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("gives a read error to the parser's reads, even before the parser listens (a directory), never to the process", async () => {
    const pass = readFileOnce(dir, { hash: true, sinks: [] });
    // The read fails at once, while nothing reads the input yet (the importer looks up partitions first).
    await expect(pass.finished).rejects.toMatchObject({ code: "EISDIR" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const read = async () => {
      for await (const chunk of pass.input) void chunk;
    };
    await expect(read()).rejects.toMatchObject({ code: "EISDIR" });
  });
});
