import fs from "node:fs";

/** A process's name, parent and CPU time (user + system, ms), from /proc/<pid>/stat (Linux; 100 ticks a second). */
export interface ProcStat {
  name: string;
  ppid: number;
  cpuMs: number;
}

/** Null when the process is gone (or this is not Linux). */
export function readProcStat(pid: number): ProcStat | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The name is in parentheses and may hold spaces: the fields after it are counted from its end.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return null;
  }
}

/** Every process id this machine shows. */
export function allPids(): number[] {
  return fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e)).map(Number);
}
