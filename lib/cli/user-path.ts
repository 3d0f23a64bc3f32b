import path from "node:path";

/**
 * A path typed on the command line, resolved where it was typed: `npm run cli` runs in the
 * project's folder, and npm keeps the caller's folder in INIT_CWD (only trusted while npm runs
 * this very script: an outer npm script's INIT_CWD would be someone else's folder).
 */
export function userPath(typed: string): string {
  const typedIn = process.env.npm_lifecycle_event === "cli" ? process.env.INIT_CWD : undefined;
  return path.resolve(typedIn ?? process.cwd(), typed);
}
