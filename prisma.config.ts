// Prisma 7 CLI configuration. The CLI is used here only for `prisma generate` (offline:
// set PRISMA_SCHEMA_ENGINE_BINARY to any executable, as the db:generate script does);
// migrations are applied by `npm run db:migrate` (lib/server/db/migrate.ts), which records
// them in _prisma_migrations so `prisma migrate status/deploy` work where the engine exists.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/darkflight" },
});
