import path from "node:path";

/** The checkout's root, for the CLI and tests (never used inside the Next.js bundle). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
