import fs from "node:fs";

/**
 * After a SIGKILL of the postmaster, its backends notice and exit within moments, but until
 * they have, a new server must not start on the same data directory. PostgreSQL's own interlock
 * is the System V shared-memory segment named on line 7 of postmaster.pid ("key shmid"): while
 * a process is still attached to it, the old server's processes are alive. Wait until none is.
 * Resolves true when the segment is free (or unknown), false when the deadline passed.
 */
export async function waitForOrphanedBackends(pidFile: string, timeoutMs: number): Promise<boolean> {
  const shmid = sharedMemoryId(pidFile);
  if (shmid === undefined) return true;
  const deadline = Date.now() + timeoutMs;
  while (attachedProcesses(shmid) > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

function sharedMemoryId(pidFile: string): number | undefined {
  try {
    const line = fs.readFileSync(pidFile, "utf8").split("\n")[6] ?? "";
    const shmid = Number(line.trim().split(/\s+/)[1]);
    return Number.isInteger(shmid) && shmid >= 0 ? shmid : undefined;
  } catch {
    return undefined;
  }
}

/** nattch of the segment in /proc/sysvipc/shm (Linux); 0 when it is gone or unreadable. */
function attachedProcesses(shmid: number): number {
  try {
    const [header, ...rows] = fs.readFileSync("/proc/sysvipc/shm", "utf8").trim().split("\n");
    const columns = (header ?? "").trim().split(/\s+/);
    const idColumn = columns.indexOf("shmid");
    const attachColumn = columns.indexOf("nattch");
    for (const row of rows) {
      const cells = row.trim().split(/\s+/);
      if (Number(cells[idColumn]) === shmid) return Number(cells[attachColumn]) || 0;
    }
    return 0;
  } catch {
    return 0;
  }
}
