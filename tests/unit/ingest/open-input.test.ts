import zlib from "node:zlib";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { openInput } from "@/lib/ingest/open-input";
import { parsePositions } from "@/lib/ingest/parse-positions";
import { FileRefusedError } from "@/lib/ingest/types";
import { collect, options, streamOf } from "./ingest-test-support";

async function readAll(source: Readable, fileName = "f"): Promise<string> {
  let text = "";
  for await (const chunk of openInput(source, fileName)) text += chunk as string;
  return text;
}

async function refusal(source: Readable): Promise<FileRefusedError> {
  try {
    await readAll(source, "upload.bin");
  } catch (err) {
    expect(err).toBeInstanceOf(FileRefusedError);
    return err as FileRefusedError;
  }
  throw new Error("expected the file to be refused");
}

const CSV = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n" +
  "1533099600,4067f2,46.679232,10.202179,225.367,292.409,0.0,TOM2XE,,,,,11582.4,,,\n";

describe("openInput", () => {
  it("passes plain UTF-8 through and drops a UTF-8 byte-order mark", async () => {
    expect(await readAll(streamOf("\uFEFFh\u00e9llo\nw\u00f6rld\n"))).toBe("h\u00e9llo\nw\u00f6rld\n");
  });

  it("decodes multi-byte characters split across chunks", async () => {
    expect(await readAll(streamOf("Z\u00fcrich \u2708 ok", 1))).toBe("Z\u00fcrich \u2708 ok");
  });

  it("gunzips by magic bytes whatever the file name, even when bytes arrive one at a time", async () => {
    const gz = zlib.gzipSync(Buffer.from(CSV));
    expect(await readAll(streamOf(gz), "positions.csv")).toBe(CSV);
    expect(await readAll(streamOf(gz, 1), "positions.csv")).toBe(CSV);
  });

  it("parses a gzipped file end to end", async () => {
    const { format, events } = await parsePositions(streamOf(zlib.gzipSync(Buffer.from(CSV))), options({ fileName: "x.csv.gz" }));
    const { records } = await collect(events);
    expect(format).toBe("opensky");
    expect(records).toHaveLength(1);
    expect(records[0]?.altitudeBaroFt).toBe(38000);
  });

  it("refuses a truncated gzip", async () => {
    const gz = zlib.gzipSync(Buffer.from(CSV.repeat(200)));
    const err = await refusal(streamOf(gz.subarray(0, Math.floor(gz.length / 2))));
    expect(err.reason).toMatch(/truncated or corrupt gzip/);
    expect(err.fileName).toBe("upload.bin");
  });

  it("refuses a corrupt gzip", async () => {
    const gz = Buffer.from(zlib.gzipSync(Buffer.from(CSV.repeat(50))));
    gz.fill(0x55, 10, 40);
    expect((await refusal(streamOf(gz))).reason).toMatch(/truncated or corrupt gzip/);
  });

  it("refuses an empty file and an empty gzip", async () => {
    expect((await refusal(streamOf(""))).reason).toBe("empty file");
    expect((await refusal(Readable.from([]))).reason).toBe("empty file");
    expect((await refusal(streamOf(zlib.gzipSync(Buffer.alloc(0))))).reason).toMatch(/^empty file/);
  });

  it("refuses binary content (NUL bytes)", async () => {
    const bytes = Buffer.concat([Buffer.from("time,icao24\n"), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00])]);
    expect((await refusal(streamOf(bytes))).reason).toMatch(/binary content \(NUL byte at offset 12\)/);
  });

  it("refuses UTF-16 with and without a byte-order mark", async () => {
    const utf16 = Buffer.from("time,icao24,lat,lon\n1,abc123,1,2\n", "utf16le");
    expect((await refusal(streamOf(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16])))).reason).toMatch(/UTF-16/);
    expect((await refusal(streamOf(utf16))).reason).toMatch(/UTF-16/);
  });

  it("refuses Latin-1 text instead of turning it into replacement characters", async () => {
    const latin1 = Buffer.from("time,callsign\n1,Z\u00fcrich\n", "latin1");
    expect((await refusal(streamOf(latin1))).reason).toMatch(/not valid UTF-8.*Latin-1/);
  });

  it("refuses a ZIP archive with advice", async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
    expect((await refusal(streamOf(zip))).reason).toMatch(/ZIP archive/);
  });

  it("is idempotent: opening an opened stream returns it unchanged", () => {
    const opened = openInput(streamOf("a"), "f");
    expect(openInput(opened, "f")).toBe(opened);
  });
});

describe("gzip bomb guard", () => {
  it("refuses an archive that expands far beyond any track file", async () => {
    // 300 MB of one repeated CSV line compress to a few hundred KB: a ~1000× expansion.
    const bomb = zlib.gzipSync(Buffer.alloc(300 * 1024 * 1024, "1,2,3\n"), { level: 9 });
    await expect(readAll(Readable.from([bomb]), "bomb.csv.gz")).rejects.toThrow(/expands more than 200×/);
  }, 60_000);

  it("reads an ordinary compressed track file", async () => {
    const rows = Array.from({ length: 20000 }, (_, i) => `${1722500000 + i},0b04e2,${(20 + i * 1e-4).toFixed(5)},-75.1,230.5,180,0`);
    const text = ["time,icao24,lat,lon,velocity,heading,vertrate", ...rows].join("\n");
    expect(await readAll(Readable.from([zlib.gzipSync(Buffer.from(text))]), "ok.csv.gz")).toBe(text);
  });
});
