import fs from "node:fs";

/** What /proc says of one process, in kB. */
export interface ProcessMemory {
  pid: number;
  name: string;
  /** Peak resident set (VmHWM): the kernel keeps the maximum, so sampling cannot miss it. */
  peakKb: number;
  rssKb: number;
}

export function readProcessMemory(pid: number): ProcessMemory | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null; // gone
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { pid, name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?", peakKb: field("VmHWM"), rssKb: field("VmRSS") };
}

/** Proportional set size: shared pages (PostgreSQL's shared buffers) split among their users. */
export function readPssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export function processTree(root: number): number[] {
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...childrenOf(pid));
  }
  return out;
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 160);
  } catch {
    return "?";
  }
}

export interface TreePeak {
  /** Every process seen in the tree, with its own peak. */
  processes: { pid: number; command: string; peakMb: number }[];
  /** The largest sum of the tree's resident sets at one sample. */
  peakTreeRssMb: number;
}

/**
 * Polls a process tree (a CLI child and whatever it spawns) every `intervalMs` and keeps each
 * process's VmHWM, read while it is still alive, and the tree's largest summed RSS.
 */
export class TreeSampler {
  private readonly seen = new Map<number, { command: string; peakKb: number }>();
  private peakTreeKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly root: number, intervalMs = 200) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    let treeKb = 0;
    for (const pid of processTree(this.root)) {
      const memory = readProcessMemory(pid);
      if (!memory) continue;
      treeKb += memory.rssKb;
      const known = this.seen.get(pid) ?? { command: commandOf(pid), peakKb: 0 };
      known.peakKb = Math.max(known.peakKb, memory.peakKb);
      this.seen.set(pid, known);
    }
    this.peakTreeKb = Math.max(this.peakTreeKb, treeKb);
  }

  stop(): TreePeak {
    clearInterval(this.timer);
    return {
      processes: [...this.seen].map(([pid, p]) => ({ pid, command: p.command, peakMb: p.peakKb / 1024 })),
      peakTreeRssMb: this.peakTreeKb / 1024,
    };
  }
}

export interface ServerPeak {
  /** Largest sum over postmaster, auxiliary processes and this database's backends. */
  peakRssMb: number;
  /** The same in proportional set size: shared buffers counted once. */
  peakPssMb: number;
  /** The postmaster's own VmHWM. */
  postmasterPeakMb: number;
  /** The largest VmHWM of any one backend or auxiliary process. */
  largestProcessPeakMb: number;
  samples: number;
}

/**
 * Polls a PostgreSQL server: the postmaster and its children, minus the backends `excluded()`
 * names (other databases' sessions on a shared server).
 */
export class ServerSampler {
  private peakRssKb = 0;
  private peakPssKb = 0;
  private postmasterPeakKb = 0;
  private largestKb = 0;
  private samples = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly postmaster: number, private readonly excluded: () => ReadonlySet<number>, intervalMs = 500) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    const skip = this.excluded();
    let rssKb = 0;
    let pssKb = 0;
    for (const pid of [this.postmaster, ...childrenOf(this.postmaster)]) {
      if (skip.has(pid)) continue;
      const memory = readProcessMemory(pid);
      if (!memory) continue;
      rssKb += memory.rssKb;
      pssKb += readPssKb(pid);
      if (pid === this.postmaster) this.postmasterPeakKb = Math.max(this.postmasterPeakKb, memory.peakKb);
      else this.largestKb = Math.max(this.largestKb, memory.peakKb);
    }
    this.samples++;
    this.peakRssKb = Math.max(this.peakRssKb, rssKb);
    this.peakPssKb = Math.max(this.peakPssKb, pssKb);
  }

  stop(): ServerPeak {
    clearInterval(this.timer);
    this.sample();
    return {
      peakRssMb: this.peakRssKb / 1024,
      peakPssMb: this.peakPssKb / 1024,
      postmasterPeakMb: this.postmasterPeakKb / 1024,
      largestProcessPeakMb: this.largestKb / 1024,
      samples: this.samples,
    };
  }
}
