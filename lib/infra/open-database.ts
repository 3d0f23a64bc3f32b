import { serverEnv } from "../server/env";
import { dataDir } from "./data-dir";
import { startEmbeddedDatabase } from "./embedded-database";
import { superviseEmbeddedDatabase, type SuperviseOptions } from "./supervise-embedded-database";

export const DATABASE_NAME = "darkflight";

export interface OpenDatabase {
  url: string;
  /** "external" when DATABASE_URL was given, else "embedded". */
  kind: "external" | "embedded";
  stop(): Promise<void>;
}

/**
 * DATABASE_URL set: use that server and never start one (its restarts are its operator's; the
 * web server's pool reconnects by itself). Otherwise start (or reuse) the embedded PostgreSQL
 * in `.data/postgres`; with `supervise`, restart it whenever it dies (`npm start`).
 */
export async function openDatabase(
  log: (message: string) => void,
  options: { supervise?: Pick<SuperviseOptions, "onRestarted" | "onGaveUp"> } = {},
): Promise<OpenDatabase> {
  const external = serverEnv().DATABASE_URL;
  if (external) return { url: external, kind: "external", stop: async () => undefined };
  const where = { dataDir: dataDir(), databaseName: DATABASE_NAME, log };
  const embedded = options.supervise
    ? await superviseEmbeddedDatabase({ ...where, ...options.supervise })
    : await startEmbeddedDatabase(where);
  return { url: embedded.url, kind: "embedded", stop: () => embedded.stop() };
}

/** A URL without its password, for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
