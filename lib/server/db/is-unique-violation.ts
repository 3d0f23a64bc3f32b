import "server-only";
import { Prisma } from "./generated/client";

/**
 * A write refused by a unique constraint, from Prisma (P2002) or from raw SQL (23505). A Citus
 * coordinator passes a shard's refusal of a COPY on as XX000 with PostgreSQL's own words.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === "23505") return true;
  return code === "XX000" && typeof message === "string" && message.startsWith("duplicate key value violates unique constraint");
}
