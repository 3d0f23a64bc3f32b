import { spawn } from "node:child_process";

/**
 * Run `node <args>` as a child and wait for it without blocking this process's event loop.
 * Never spawnSync where this process owns an embedded PostgreSQL (`npm start`, the benchmarks):
 * it must keep reading the server's log pipe; a blocked event loop fills it, the server's
 * backends stall writing to it, and a child waiting on them never ends (seen: an import stuck at
 * 78 % of its COPY).
 */
export async function runNodeChild(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdout: "capture" | "ignore" | "inherit" },
): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", options.stdout === "capture" ? "pipe" : options.stdout, "inherit"],
  });
  let stdout = "";
  child.stdout?.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status, signal) => resolve({ status, signal, stdout }));
  });
}
