import "server-only";
import { z } from "zod";
import { invalidField, invalidInput } from "../app-error";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/current-user";
import { recordAuditEvent } from "../audit/record-audit-event";
import { isUniqueViolation } from "../db/is-unique-violation";
import { prisma } from "../db/prisma";

export const newUserSchema = z.object({
  email: z.email("not an email address"),
  role: z.enum(["ADMIN", "ANALYST", "RESEARCHER"]),
  password: z.string().min(12, "passwords have at least 12 characters"),
});

export async function createUser(
  input: { email: string; role: Role; password: string },
  actor = "command line",
): Promise<{ id: number; email: string; role: Role }> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const passwordHash = await hashPassword(parsed.data.password);
  try {
    const created = await prisma().user.create({
      data: { email: parsed.data.email.toLowerCase(), passwordHash, role: parsed.data.role },
      // Not the role: Prisma returns an enum cast to text, and Citus refuses RETURNING a non-IMMUTABLE cast.
      select: { id: true, email: true },
    });
    await recordAuditEvent({ action: "user-created", actorEmail: actor, subject: created.email, details: { role: parsed.data.role } });
    return { ...created, role: parsed.data.role };
  } catch (error) {
    if (isUniqueViolation(error)) throw invalidField("email", `${parsed.data.email} already has an account`, "CONFLICT");
    throw error;
  }
}
