import fs from "node:fs";
import pg from "pg";

/**
 * Peak memory of the PostgreSQL server while a run goes: every 100 ms, the sum over the
 * postmaster, its auxiliary processes and the backends of this database (other databases on a
 * shared server are left out) of each process's PSS (its private pages plus its share of shared
 * buffers, so shared memory is counted once, not once per process), read from /proc.
 */
export class ServerMemorySampler {
  private peakKb = 0;
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> | null = null;

  constructor(
    private readonly client: pg.Client,
    private readonly postmasterPid: number,
  ) {}

  static async open(url: string): Promise<ServerMemorySampler> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    return new ServerMemorySampler(client, parentPid(rows[0]!.pid));
  }

  start(): void {
    this.peakKb = 0;
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 100);
  }

  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sample();
    return this.peakKb / 1024;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling;
    await this.client.end();
  }

  private sample(): Promise<void> {
    this.sampling ??= this.measure().finally(() => (this.sampling = null));
    return this.sampling;
  }

  private async measure(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE (datname = current_database() OR backend_type <> 'client backend') AND pid <> pg_backend_pid()`,
    );
    let totalKb = memoryKb(this.postmasterPid);
    for (const { pid } of rows) totalKb += memoryKb(pid);
    this.peakKb = Math.max(this.peakKb, totalKb);
  }
}

function parentPid(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^PPid:\s+(\d+)/m.exec(status)![1]);
}

/** PSS when /proc lets us read it (same user or root), else RSS. A process gone meanwhile counts 0. */
function memoryKb(pid: number): number {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  } catch {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      return 0;
    }
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
