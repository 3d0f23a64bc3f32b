"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/server/app-error";
import { generatePassword } from "@/lib/server/auth/password";
import { ACCOUNT_ROLES, requireActionRole } from "@/lib/server/auth/require-page-role";
import { createUser } from "@/lib/server/users/create-user";
import { disableUserById } from "@/lib/server/users/disable-user-by-id";
import { MAX_INT_ID } from "@/lib/core/format/user-input";

const addUserSchema = z.object({
  email: z.string().trim().max(254, "that email is too long").pipe(z.email("not an email address")),
  role: z.enum(["RESEARCHER", "ANALYST", "ADMIN"], "choose a role"),
});

const disableUserSchema = z.object({
  userId: z.coerce.number().int().positive("not an account id").max(MAX_INT_ID, "not an account id"),
});

/** `null` before the first submission; the new password travels back once and is never stored. */
export type AddUserState = { error: string } | { ok: true; email: string; role: string; password: string } | null;
export type DisableUserState = { error: string } | { ok: true; email: string } | null;

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "invalid form";
}

export async function addUserAction(_state: AddUserState, form: FormData): Promise<AddUserState> {
  const admin = await requireActionRole(ACCOUNT_ROLES);
  const parsed = addUserSchema.safeParse({ email: form.get("email") ?? "", role: form.get("role") });
  if (!parsed.success) return { error: firstIssue(parsed.error) };
  const password = generatePassword();
  try {
    const created = await createUser({ ...parsed.data, password }, admin.email);
    revalidatePath("/admin/users");
    return { ok: true, email: created.email, role: created.role, password };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

export async function disableUserAction(_state: DisableUserState, form: FormData): Promise<DisableUserState> {
  const admin = await requireActionRole(ACCOUNT_ROLES);
  const parsed = disableUserSchema.safeParse({ userId: form.get("userId") });
  if (!parsed.success) return { error: firstIssue(parsed.error) };
  try {
    const disabled = await disableUserById(parsed.data.userId, admin);
    revalidatePath("/admin/users");
    return { ok: true, email: disabled.email };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
