import "server-only";
import { prisma } from "../db/prisma";

export async function listUsers(): Promise<{ id: number; email: string; role: string; disabled: boolean; createdAt: string }[]> {
  const users = await prisma().user.findMany({ select: { id: true, email: true, role: true, disabled: true, createdAt: true }, orderBy: { id: "asc" } });
  return users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }));
}
