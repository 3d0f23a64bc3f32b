import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { dbPool } from "./pool";

const globalForPrisma = globalThis as unknown as { darkflightPrisma?: PrismaClient };

/** The Prisma client singleton, on the shared pg pool. */
export function prisma(): PrismaClient {
  globalForPrisma.darkflightPrisma ??= new PrismaClient({ adapter: new PrismaPg(dbPool()) });
  return globalForPrisma.darkflightPrisma;
}
