import fs from "node:fs";

/**
 * CPU time (user + system, ms) of every PostgreSQL process on this machine, by pid (Linux /proc;
 * 100 ticks a second). Taken before and after a run, the difference is what the servers spent
 * on it: backends that exit meanwhile (a parallel query's workers) are missed, so it is a floor.
 * Empty when no PostgreSQL runs here (a remote server).
 */
export function postgresCpuMsByPid(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (name !== "postgres") continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** What the PostgreSQL processes spent between two readings of {@link postgresCpuMsByPid}, ms; null when none ran here. */
export function postgresCpuMsSince(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number> = postgresCpuMsByPid()): number | null {
  if (after.size === 0) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
