/**
 * How every darkflight CLI process is started (`npm run cli` says the same in package.json):
 * `server-only` resolves as inside Next.js, the code runs from the CLI bundle (lib/cli/launch.mjs:
 * ~50 MB less than compiling through tsx), and the heap is capped. V8 grows its heap lazily far
 * past detection's live set (one batch of positions); 256 MB keeps an import's and
 * `detect --all`'s peak RSS well under 300 MB at any data size.
 */
export const CLI_NODE_ARGS = ["--max-old-space-size=256", "--conditions=react-server", "lib/cli/launch.mjs"] as const;

/** Whether a process's command line is darkflight's CLI (the bundle's, or tsx's in tests), running `command` if given. */
export function isCliCommandLine(commandLine: string, command?: string): boolean {
  return new RegExp(`lib/cli/(launch\\.mjs|main\\.ts)${command ? ` ${command}\\b` : ""}`).test(commandLine);
}
