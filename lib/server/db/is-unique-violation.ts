import "server-only";
import { Prisma } from "./generated/client";

/** A write refused by a unique constraint, from Prisma (P2002) or from raw SQL (23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  return (error as { code?: string } | null)?.code === "23505";
}
