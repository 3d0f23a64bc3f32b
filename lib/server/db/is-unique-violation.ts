import "server-only";
import { Prisma } from "./generated/client";
import { sqlState } from "./sql-state";

/** A write refused by a unique constraint, from Prisma (P2002) or from raw SQL (23505, on Citus too). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return sqlState(error) === "23505";
}
