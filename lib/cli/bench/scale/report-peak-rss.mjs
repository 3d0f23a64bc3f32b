// Preloaded into every node process of a benchmarked CLI child (NODE_OPTIONS=--import=…): on exit it
// appends its own peak RSS to DARKFLIGHT_PEAK_RSS_FILE, exact where polling /proc could miss the end.
import fs from "node:fs";

const file = process.env.DARKFLIGHT_PEAK_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const line = { pid: process.pid, peakKb: process.resourceUsage().maxRSS, command: process.argv.slice(1).join(" ").slice(0, 160) };
    try {
      fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    } catch {
      // A benchmark aid must never change the exit of what it measures.
    }
  });
}
