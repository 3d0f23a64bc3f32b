import type { Command } from "commander";
import { addWatchlistEntry } from "../../server/reference/add-watchlist-entry";
import { listWatchlistEntries } from "../../server/reference/list-watchlist-entries";
import { removeWatchlistEntry } from "../../server/reference/remove-watchlist-entry";
import { parseWatchlistEntryInput } from "../../server/reference/watchlist-entry-input";
import { asUsageError } from "../usage-error";
import { withDatabase } from "../with-database";

const APPLY_HINT = "takes effect at the next detection; `detect --all` re-detects the stored flights";

/**
 * `watchlist list | add <kind> <value> [--note <text>] | remove <kind> <value>`: what makes an
 * aircraft TYPE_OF_INTEREST. Kinds: typecode (IL76), icao24 (0b04e2), tag (plane-alert-db
 * category or an analyst's own). Refusals (removing what is not listed) exit 1 with the reason.
 */
export function registerWatchlistCommands(program: Command): void {
  const watchlist = program
    .command("watchlist")
    .description("the watchlist behind TYPE_OF_INTEREST: aircraft types, addresses and tags");

  watchlist
    .command("list")
    .description("list the watchlist")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const entries = await withDatabase(true, () => listWatchlistEntries());
      if (options.json) {
        console.log(JSON.stringify(entries, null, 2));
        return;
      }
      for (const e of entries) console.log(`${e.kind.toLowerCase().padEnd(9)} ${e.value.padEnd(12)} ${e.note ?? ""}`.trimEnd());
      const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
      console.log(`${entries.length} entries: ${count("TYPECODE")} type code(s), ${count("ICAO24")} address(es), ${count("TAG")} tag(s)`);
    });

  watchlist
    .command("add")
    .description("add a type code, an address or a tag to the watchlist")
    .argument("<kind>", "typecode, icao24 or tag")
    .argument("<value>", "e.g. IL76, 0b04e2, Government")
    .option("--note <text>", "why it is watched")
    .action(async (kind: string, value: string, options: { note?: string }) => {
      asUsageError(() => parseWatchlistEntryInput({ kind, value, note: options.note }));
      const { added, entry } = await withDatabase(true, () => addWatchlistEntry({ kind, value, note: options.note }));
      const what = `${entry.kind.toLowerCase()} ${entry.value}`;
      console.log(added ? `added ${what} to the watchlist: ${APPLY_HINT}` : `${what} is already on the watchlist; nothing changed`);
    });

  watchlist
    .command("remove")
    .description("remove a type code, an address or a tag from the watchlist")
    .argument("<kind>", "typecode, icao24 or tag")
    .argument("<value>")
    .action(async (kind: string, value: string) => {
      asUsageError(() => parseWatchlistEntryInput({ kind, value }));
      const removed = await withDatabase(true, () => removeWatchlistEntry({ kind, value }));
      console.log(`removed ${removed.kind.toLowerCase()} ${removed.value} from the watchlist: ${APPLY_HINT}`);
    });
}
