/**
 * How every darkflight CLI process is started (`npm run cli` says the same in package.json):
 * `server-only` resolves as inside Next.js, TypeScript runs through tsx, and the heap is capped.
 * V8 grows its heap lazily far past detection's live set (one batch of positions); 256 MB keeps
 * an import's and `detect --all`'s peak RSS near 250–300 MB at any data size.
 */
export const CLI_NODE_ARGS = ["--max-old-space-size=256", "--conditions=react-server", "--import", "tsx", "lib/cli/main.ts"] as const;
