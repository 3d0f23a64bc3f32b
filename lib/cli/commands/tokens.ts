import { Command } from "commander";
import { createApiToken } from "../../server/tokens/create-api-token";
import { listApiTokens } from "../../server/tokens/list-api-tokens";
import { revokeApiToken } from "../../server/tokens/revoke-api-token";
import { UsageError } from "../usage-error";
import { withDatabase } from "../with-database";
import { MAX_INT_ID } from "../../core/format/user-input";

/** `token create | list | revoke`: API tokens for researchers' scripted uploads. */
export function registerTokenCommands(program: Command): void {
  const token = program.command("token").description("API tokens for scripted uploads (Authorization: Bearer …)");
  token
    .command("create")
    .description("create an upload token for an account; it is printed once")
    .requiredOption("--email <email>", "the account that uploads")
    .option("--name <name>", "what the token is for", "script")
    .action(async (options: { email: string; name: string }) => {
      const created = await withDatabase(true, () => createApiToken(options.email, options.name));
      console.log(`token ${created.id} for ${options.email}: ${created.token}`);
      console.log("(shown once; upload with: curl -H 'Authorization: Bearer <token>' -H 'x-file-name: f.csv' --data-binary @f.csv <url>/api/imports)");
    });
  token
    .command("list")
    .description("list tokens (never the tokens themselves)")
    .action(async () => {
      await withDatabase(true, async () => {
        for (const t of await listApiTokens()) {
          console.log(`${String(t.id).padStart(4)}  ${t.email.padEnd(32)} ${t.name.padEnd(16)} ${t.scope}  ${t.revoked ? "revoked" : `last used ${t.lastUsedAt ?? "never"}`}`);
        }
      });
    });
  token
    .command("revoke")
    .description("revoke a token at once")
    .argument("<id>")
    .action(async (id: string) => {
      if (!/^\d+$/.test(id) || Number(id) > MAX_INT_ID) throw new UsageError(`a token id is a number up to ${MAX_INT_ID} (got "${id}"); see \`token list\``);
      await withDatabase(true, () => revokeApiToken(Number(id)));
      console.log(`revoked token ${id}`);
    });
}
