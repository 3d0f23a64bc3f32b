import "server-only";
import { serverEnv } from "../env";
import { dataDir } from "../project-paths";
import { startEmbeddedDatabase } from "../../infra/embedded-database";

export const DATABASE_NAME = "darkflight";

export interface OpenDatabase {
  url: string;
  /** "external" when DATABASE_URL was given, else "embedded". */
  kind: "external" | "embedded";
  stop(): Promise<void>;
}

/**
 * DATABASE_URL set: use that server and never start one. Otherwise start (or reuse) the
 * embedded PostgreSQL in `.data/postgres`.
 */
export async function openDatabase(log: (message: string) => void): Promise<OpenDatabase> {
  const external = serverEnv().DATABASE_URL;
  if (external) return { url: external, kind: "external", stop: async () => undefined };
  const embedded = await startEmbeddedDatabase({ dataDir: dataDir(), databaseName: DATABASE_NAME, log });
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
