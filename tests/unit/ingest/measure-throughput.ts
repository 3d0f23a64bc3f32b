/**
 * Throughput check for the ingest layer (not a test: run by hand).
 *
 *   node --import tsx tests/unit/ingest/measure-throughput.ts [rows=1000000] [runs=3]
 *
 * Generates an OpenSky state vectors CSV into the OS temp directory (never into the repo), then
 * times `parsePositions` over it: decoding, CSV splitting, unit conversion and canonical
 * validation of every row. Prints rows/s per run and the median; the goal on the 2-core build
 * machine is 250,000 rows/s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parsePositions } from "../../../lib/ingest/parse-positions";

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const file = path.join(os.tmpdir(), `darkflight-opensky-${rows}.csv`);

function generate(): void {
  const header = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n";
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, header);
  let buffer = "";
  const t0 = 1533099600;
  for (let i = 0; i < rows; i++) {
    const t = t0 + Math.floor(i / 100);
    const hex = (0x400000 + (i % 5000)).toString(16);
    const squawk = String(1000 + (i % 700)).replace(/[89]/g, "7");
    buffer +=
      `${t},${hex},${(46 + (i % 1000) / 1000).toFixed(6)},${(8 + (i % 777) / 777).toFixed(6)},` +
      `${(200 + (i % 50)).toFixed(3)},${(i % 360).toFixed(3)},${((i % 20) - 10).toFixed(3)},SWR${i % 1000}  ,` +
      `False,False,False,${squawk},${(10000 + (i % 500)).toFixed(2)},${(10100 + (i % 500)).toFixed(2)},${t}.5,${t}.9\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = "";
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

async function measure(): Promise<number> {
  const start = performance.now();
  const { events } = await parsePositions(fs.createReadStream(file, { highWaterMark: 1 << 16 }), {
    fileName: path.basename(file),
    nowMs: Date.UTC(2030, 0, 1),
  });
  let records = 0;
  let errors = 0;
  for await (const event of events) {
    if (event.kind === "record") records++;
    else if (event.kind === "error") errors++;
  }
  const seconds = (performance.now() - start) / 1000;
  if (records + errors !== rows || errors > 0) throw new Error(`expected ${rows} records, got ${records} and ${errors} errors`);
  return rows / seconds;
}

if (!fs.existsSync(file)) generate();
const rates: number[] = [];
for (let run = 0; run < runs; run++) {
  const rate = await measure();
  rates.push(rate);
  console.log(`run ${run + 1}: ${Math.round(rate).toLocaleString("en")} rows/s`);
}
rates.sort((a, b) => a - b);
console.log(`median ${Math.round(rates[Math.floor(rates.length / 2)] ?? 0).toLocaleString("en")} rows/s over ${rows.toLocaleString("en")} rows (${file})`);
