"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FieldErrors } from "@/lib/core/forms/form-errors";
import { refusalOf } from "@/lib/server/actions/action-state";
import { AppError, invalidInput } from "@/lib/server/app-error";
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

/** The add-account form's fields, in its order. */
const USER_FIELDS = ["email", "role"];

/**
 * `null` before the first submission; a refusal carries its messages and the typed values back;
 * the new password travels back once and is never stored.
 */
export type AddUserState =
  | { error: string | null; fieldErrors: FieldErrors; values: { email: string; role: string } }
  | { ok: true; email: string; role: string; password: string }
  | null;
export type DisableUserState = { error: string } | { ok: true; email: string } | null;

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "invalid form";
}

function refused(error: AppError, values: { email: string; role: string }): AddUserState {
  const { formError, fieldErrors } = refusalOf(error, USER_FIELDS);
  return { error: formError, fieldErrors, values };
}

export async function addUserAction(_state: AddUserState, form: FormData): Promise<AddUserState> {
  const admin = await requireActionRole(ACCOUNT_ROLES);
  const values = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") };
  const parsed = addUserSchema.safeParse(values);
  if (!parsed.success) return refused(invalidInput(parsed.error.issues), values);
  const password = generatePassword();
  try {
    const created = await createUser({ ...parsed.data, password }, admin.email);
    revalidatePath("/admin/users");
    return { ok: true, email: created.email, role: created.role, password };
  } catch (error) {
    if (error instanceof AppError) return refused(error, values);
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
