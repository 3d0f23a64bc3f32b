import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "./generated/client";
import { dbPool } from "./pool";

export type { AlertRule, ImportJob, Prisma } from "./generated/client";

// Kept across Next.js hot reloads, and tied to the pool it was made on.
const globalForPrisma = globalThis as unknown as { darkflightPrisma?: { client: PrismaClient; pool: pg.Pool } };

/**
 * The Prisma client singleton, on the shared pg pool: the small tables' reads and writes, with
 * types from the schema (raw SQL stays for COPY and analytics). A closed pool (closeDbPool)
 * gets a fresh client with the next pool.
 */
export function prisma(): PrismaClient {
  const pool = dbPool();
  if (globalForPrisma.darkflightPrisma?.pool !== pool) {
    globalForPrisma.darkflightPrisma = { client: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
  }
  return globalForPrisma.darkflightPrisma.client;
}
