import fs from "node:fs";

/**
 * After a SIGKILL of the postmaster, its backends notice and exit within moments, but until
 * they have, a new server must not start on the same data directory. PostgreSQL's own interlock
 * is the System V shared-memory segment named on line 7 of postmaster.pid ("key shmid"): while
 * a process is still attached to it, the old server's processes are alive. Wait until none is.
 * Resolves true when the segment is free (or unknown), false when the deadline passed.
 */
export async function waitForOrphanedBackends(pidFile: string, timeoutMs: number): Promise<boolean> {
  const segment = sharedMemorySegment(pidFile);
  if (segment === undefined) return true;
  const deadline = Date.now() + timeoutMs;
  while (attachedProcesses(segment) > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** Line 7 of postmaster.pid: the segment's key and id. After a reboot the id may have been given to
 *  another program's segment; the key (derived from the data directory) tells them apart. */
function sharedMemorySegment(pidFile: string): { key: number; shmid: number } | undefined {
  try {
    const line = fs.readFileSync(pidFile, "utf8").split("\n")[6] ?? "";
    const [keyText, idText] = line.trim().split(/\s+/);
    const key = Number(keyText);
    const shmid = Number(idText);
    return Number.isInteger(key) && Number.isInteger(shmid) && shmid >= 0 ? { key, shmid } : undefined;
  } catch {
    return undefined;
  }
}

/** nattch of the segment in /proc/sysvipc/shm (Linux); 0 when it is gone, another program's, or unreadable. */
function attachedProcesses(segment: { key: number; shmid: number }): number {
  try {
    const [header, ...rows] = fs.readFileSync("/proc/sysvipc/shm", "utf8").trim().split("\n");
    const columns = (header ?? "").trim().split(/\s+/);
    const idColumn = columns.indexOf("shmid");
    const keyColumn = columns.indexOf("key");
    const attachColumn = columns.indexOf("nattch");
    for (const row of rows) {
      const cells = row.trim().split(/\s+/);
      if (Number(cells[idColumn]) === segment.shmid && Number(cells[keyColumn]) === segment.key) return Number(cells[attachColumn]) || 0;
    }
    return 0;
  } catch {
    return 0;
  }
}
