import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const BIN = "/usr/lib/postgresql/15/bin";

export interface PlainServer {
  url: string;
  dataDir: string;
  stop(): void;
}

function asPostgres(command: string): void {
  execFileSync("su", ["postgres", "-s", "/bin/bash", "-c", command], { stdio: "ignore" });
}

/**
 * One plain PostgreSQL 15 server (Debian's, the binaries Citus runs on), set up like each node
 * of cluster.sh (initdb defaults, trust on loopback): the one-server side of `bench:citus`.
 */
export function startPlainPostgres(port: number): PlainServer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "darkflight-pg15-"));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, "data");
  fs.mkdirSync(data);
  execFileSync("chown", ["postgres", dir, data]);
  asPostgres(`${BIN}/initdb -D '${data}' -A trust -U postgres >/dev/null`);
  fs.appendFileSync(path.join(data, "postgresql.conf"), `listen_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${dir}'\nmax_connections = 200\n`);
  asPostgres(`${BIN}/pg_ctl -D '${data}' -l '${dir}/log' -w start`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    dataDir: data,
    stop: () => {
      try {
        asPostgres(`${BIN}/pg_ctl -D '${data}' -m fast -w stop`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
