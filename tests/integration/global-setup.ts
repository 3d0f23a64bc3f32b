import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../lib/infra/migrate";
import { createScratchDatabase } from "../../lib/infra/scratch-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh, migrated database for the integration run; dropped afterwards. */
export default async function setup(project: TestProject) {
  const database = await createScratchDatabase();
  await migrateDatabase(database.url);
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.drop();
  };
}
