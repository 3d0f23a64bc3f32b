import { allPids, readProcStat } from "./proc-stat";

/**
 * CPU time (user + system, ms) of every PostgreSQL process on this machine, by pid (Linux /proc;
 * 100 ticks a second). Taken before and after a run, the difference is what the servers spent
 * on it: backends that exit meanwhile (a parallel query's workers) are missed, so it is a floor.
 * Empty when no PostgreSQL runs here (a remote server).
 */
export function postgresCpuMsByPid(): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of allPids()) {
    const stat = readProcStat(pid);
    if (stat?.name === "postgres") out.set(pid, stat.cpuMs);
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
