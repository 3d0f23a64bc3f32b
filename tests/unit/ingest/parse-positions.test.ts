import zlib from "node:zlib";
import fs from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { parsePositions } from "@/lib/ingest/parse-positions";
import { FileRefusedError } from "@/lib/ingest/types";
import { collect, options, realPath, realStream, streamOf } from "./ingest-test-support";

describe("parsePositions", () => {
  it.each([
    ["switzerland_opensky_states.csv", "opensky", {}, 139098, 0],
    ["calfire_opensky_states.csv", "opensky", {}, 9955, 0],
    ["guatemala_opensky_states.csv", "opensky", {}, 1855, 0],
    ["kingston_opensky_states.csv", "opensky", {}, 1455, 0],
    ["airbus_tree_opensky_states.csv", "opensky", {}, 5412, 0],
    ["noisy_spoofing_opensky_states.csv", "opensky", {}, 8670, 11],
    ["trace_full_ac671b_opensky_states.csv", "opensky", {}, 2500, 0],
    ["trace_full_ac671b.json", "readsb-trace", {}, 2500, 0],
    ["JL516_3376ab31.csv", "fr24", { icao24: "8467d8" }, 305, 0],
    ["JL516_Flightradar24_ADS-B_data_granular.csv", "fr24", {}, 12374, 5147],
  ])("%s: detected as %s, records and rejections", async (name, format, extra, records, errors) => {
    const parsed = await parsePositions(realStream(name), options({ fileName: name, ...extra }));
    expect(parsed.format).toBe(format);
    const out = await collect(parsed.events);
    expect(out.records).toHaveLength(records);
    expect(out.errors).toHaveLength(errors);
  });

  it("honours a forced format", async () => {
    const text = "time,icao24,lat,lon,baroaltitude\n1533099600,abcdef,1,2,1000\n";
    const asOpensky = await parsePositions(streamOf(text), options());
    const asGeneric = await parsePositions(streamOf(text), { ...options(), format: "generic-csv" });
    expect(asOpensky.format).toBe("opensky");
    expect(asGeneric.format).toBe("generic-csv");
    expect((await collect(asOpensky.events)).records[0]?.altitudeBaroFt).toBe(3281);
    expect((await collect(asGeneric.events)).records[0]?.altitudeBaroFt).toBe(1000);
  });

  it("detects inside gzip", async () => {
    const gz = zlib.gzipSync(fs.readFileSync(realPath("trace_full_ac671b.json")));
    const { format, events } = await parsePositions(streamOf(gz), options());
    expect(format).toBe("readsb-trace");
    expect((await collect(events)).records).toHaveLength(2500);
  });

  it("rejects the promise for files refused from their head", async () => {
    await expect(parsePositions(streamOf(""), options())).rejects.toThrow(FileRefusedError);
    await expect(parsePositions(streamOf("hello,world\n1,2\n"), options())).rejects.toThrow(/unrecognised format/);
    await expect(parsePositions(streamOf(Buffer.from([1, 2, 0, 3])), options())).rejects.toThrow(/binary content/);
  });

  it("throws while iterating for refusals only the parser sees", async () => {
    const { format, events } = await parsePositions(realStream("JL516_3376ab31.csv"), options());
    expect(format).toBe("fr24");
    await expect(collect(events)).rejects.toThrow(/name the aircraft with --icao24/);
  });

  it("refuses a gzip truncated after the head, after having yielded records", async () => {
    const gz = zlib.gzipSync(fs.readFileSync(realPath("switzerland_opensky_states.csv")));
    const { events } = await parsePositions(streamOf(gz.subarray(0, gz.length - 2000), 65536), options());
    let records = 0;
    const err = await (async () => {
      for await (const event of events) if (event.kind === "record") records++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileRefusedError);
    expect((err as FileRefusedError).reason).toMatch(/truncated or corrupt gzip/);
    expect(records).toBeGreaterThan(100000);
  });

  it("lets a consumer stop early and releases the source", async () => {
    const source = realStream("switzerland_opensky_states.csv");
    const { events } = await parsePositions(source, options());
    for await (const event of events) if (event.kind === "record") break;
    // Cleanup runs through the generator chain asynchronously: poll for it.
    await vi.waitFor(() => expect(source.destroyed).toBe(true), { timeout: 2000, interval: 5 });
  });
});
