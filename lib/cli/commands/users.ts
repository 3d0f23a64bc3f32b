import { Command, Option } from "commander";
import { generatePassword } from "../../server/auth/password";
import type { Role } from "../../server/auth/current-user";
import { createUser } from "../../server/users/create-user";
import { disableUser } from "../../server/users/disable-user";
import { listUsers } from "../../server/users/list-users";
import { withDatabase } from "../with-database";

async function readPasswordFromStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}

/** `user add | list | disable`: accounts for analysts, researchers and admins. */
export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("manage accounts (admin, analyst, researcher)");
  user
    .command("add")
    .description("create an account; the password is generated and printed once unless --password-stdin")
    .requiredOption("--email <email>", "the account's email")
    .addOption(new Option("--role <role>", "its role").choices(["admin", "analyst", "researcher"]).makeOptionMandatory())
    .option("--password-stdin", "read the password from standard input instead of generating one")
    .action(async (options: { email: string; role: string; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? await readPasswordFromStdin() : generatePassword();
      await withDatabase(true, async () => {
        const created = await createUser({ email: options.email, role: options.role.toUpperCase() as Role, password });
        console.log(`created ${created.role.toLowerCase()} ${created.email} (id ${created.id})`);
        if (!options.passwordStdin) console.log(`password: ${password}   (shown once: give it to its owner now)`);
      });
    });
  user
    .command("list")
    .description("list accounts")
    .action(async () => {
      await withDatabase(true, async () => {
        for (const u of await listUsers()) {
          console.log(`${String(u.id).padStart(4)}  ${u.email.padEnd(32)} ${u.role.toLowerCase().padEnd(11)} ${u.disabled ? "disabled" : "active"}`);
        }
      });
    });
  user
    .command("disable")
    .description("disable an account (its sessions stop working)")
    .requiredOption("--email <email>")
    .action(async (options: { email: string }) => {
      await withDatabase(true, () => disableUser(options.email));
      console.log(`disabled ${options.email}`);
    });
}
