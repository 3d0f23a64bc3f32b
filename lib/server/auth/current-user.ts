import "server-only";
import { connection } from "next/server";
import { cache } from "react";
import { prisma } from "../db/prisma";
import { serverEnv } from "../env";
import { getSession, sessionHolds } from "./session";

export type Role = "ADMIN" | "ANALYST" | "RESEARCHER";

export interface CurrentUser {
  id: number;
  email: string;
  role: Role;
}

/** The signed-in user of this request, or null. A disabled account counts as signed out. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Per request, never prerendered at build time (where there is no session secret and no cookie).
  await connection();
  // Without a session secret nobody can be signed in; public pages still render.
  if (!serverEnv().SESSION_SECRET) return null;
  const session = await getSession();
  if (!session.userId) return null;
  const user = await prisma().user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, role: true, disabled: true, sessionsValidAfter: true },
  });
  // A session issued before the account signed out (or before its sessions were revoked) is void.
  if (!user || !sessionHolds(session, user)) return null;
  return { id: user.id, email: user.email, role: user.role };
});
