import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** The server-action ids of the production build the tests run against, by `file#exportedName`. */
export function actionIds(): Map<string, { id: string; pagePath: string }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const byName = new Map<string, { id: string; pagePath: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const worker = Object.keys(entry.workers).find((w) => w.startsWith("app/") && w.endsWith("/page")) ?? "app/page";
    const pagePath = worker.replace(/^app/, "").replace(/\/page$/, "") || "/";
    byName.set(`${entry.filename}#${entry.exportedName}`, { id, pagePath });
  }
  return byName;
}
