/**
 * One of bench:scale's generator processes: writes the given days (`.part` then renamed) and
 * prints one JSON summary per day on stdout. Usage: <dir> <aircraft> <seed> <day,day,…>
 */
import fs from "node:fs";
import path from "node:path";
import { dayFileName } from "./day-file-name";
import { buildRegionalFleet } from "./regional-fleet";
import { writeTrafficDay } from "./write-traffic-day";

const [dir, aircraft, seed, days] = process.argv.slice(2);
if (!dir || !aircraft || !seed || !days) throw new Error("usage: generate-days-child.ts <dir> <aircraft> <seed> <day,day,…>");
const fleet = buildRegionalFleet(Number(aircraft), Number(seed));
for (const day of days.split(",").map(Number)) {
  const file = path.join(dir, dayFileName(day));
  const { perAircraft, ...summary } = await writeTrafficDay(`${file}.part`, fleet, day, Number(seed));
  fs.renameSync(`${file}.part`, file);
  const generatorPeakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ...summary, file, aircraftSeen: Object.keys(perAircraft).length, generatorPeakMb }));
}
