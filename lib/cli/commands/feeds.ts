import type { Command } from "commander";
import { addLiveFeed } from "../../server/live/add-live-feed";
import { listLiveFeeds } from "../../server/live/list-live-feeds";
import { parseLiveSourceUrl } from "../../server/live/live-source-url";
import { removeLiveFeed } from "../../server/live/remove-live-feed";
import { asUsageError } from "../usage-error";
import { withDatabase } from "../with-database";

/** `feeds add <url> [--name] | list | remove <id|url>`: the live sources `npm start`'s worker runs. */
export function registerFeedCommands(program: Command): void {
  const feeds = program.command("feeds").description("the live sources the worker runs (SBS-1 over TCP, readsb aircraft.json)");

  feeds
    .command("add")
    .description("add a live source; a running worker starts it within seconds")
    .argument("<url>", "sbs1://HOST:PORT or aircraft-json+http://HOST:PORT/PATH")
    .option("--name <text>", "a name for the admin page")
    .action(async (url: string, options: { name?: string }) => {
      asUsageError(() => parseLiveSourceUrl(url));
      const feed = await withDatabase(true, () => addLiveFeed({ url, name: options.name }, "cli"));
      console.log(`added feed ${feed.id}: ${feed.url} (${feed.kind}); the worker of \`npm start\` runs it`);
    });

  feeds
    .command("list")
    .description("list the live sources with their status")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const list = await withDatabase(true, () => listLiveFeeds());
      if (options.json) {
        console.log(JSON.stringify(list, null, 2));
        return;
      }
      for (const f of list) {
        const state = f.connected ? `connected, ${Math.round(f.messagesPerS)} msg/s` : "not connected";
        const last = f.lastMessageAt ? `last message ${f.lastMessageAt}` : "no message yet";
        console.log(`${String(f.id).padStart(3)} ${f.url}  ${state}; ${last}; ${f.reconnects} reconnects, ${f.errors} errors${f.lastError ? ` (${f.lastError})` : ""}`);
      }
      console.log(`${list.length} feed(s)`);
    });

  feeds
    .command("remove")
    .description("remove a live source (by id or URL)")
    .argument("<feed>", "id or URL")
    .action(async (feed: string) => {
      const removed = await withDatabase(true, () => removeLiveFeed(feed, "cli"));
      console.log(`removed feed ${removed.id}: ${removed.url}`);
    });
}
