import { spawn } from "node:child_process";
import { freePort } from "../../lib/cli/bench/free-port";
import { startCitusCluster } from "../../lib/infra/citus-cluster-script";

/**
 * `npm run test:citus`: a fresh Citus cluster (a coordinator and 2 workers on loopback, from
 * ../shared/tools/citus/cluster.sh), then the integration suite (the scenario evaluation
 * included) and the cluster's own checks (tests/citus) against it; the cluster is removed after.
 * Arguments, when given, replace the vitest selection (e.g. `-- --project citus`).
 */
// The coordinator takes a port the OS says is free; the workers the two after it.
const cluster = startCitusCluster(await freePort(), 2);
let status = 1;
try {
  console.log(`test:citus: cluster at ${cluster.url} (2 workers, in ${cluster.dir})`);
  const selection = process.argv.length > 2 ? process.argv.slice(2) : ["--project", "integration", "--project", "citus"];
  status = await new Promise<number>((resolve) => {
    const child = spawn("npx", ["vitest", "run", ...selection], { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: cluster.url } });
    child.on("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 143)));
    // Interrupted (Ctrl-C, CI's timeout): the tests stop first, then the cluster goes below.
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => child.kill(signal));
  });
} finally {
  cluster.stop();
}
process.exit(status);
