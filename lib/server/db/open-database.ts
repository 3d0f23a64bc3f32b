// Moved to lib/infra/open-database.ts (lib/server never imports lib/infra). This re-export only
// keeps lib/cli/with-database.ts, commands/status.ts and commands/migrate.ts compiling until
// their imports point at lib/infra; then delete this file.
export { DATABASE_NAME, openDatabase, redactUrl, type OpenDatabase } from "../../infra/open-database";
