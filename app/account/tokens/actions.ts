"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FieldErrors } from "@/lib/core/forms/form-errors";
import { refusalOf } from "@/lib/server/actions/action-state";
import { AppError, invalidInput } from "@/lib/server/app-error";
import { requireActionRole } from "@/lib/server/auth/require-page-role";
import { UPLOAD_ROLES } from "@/lib/server/auth/require-role";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { revokeOwnApiToken } from "@/lib/server/tokens/revoke-own-api-token";
import { isSingleLineText, MAX_INT_ID } from "@/lib/core/format/user-input";

const createTokenSchema = z.object({
  name: z.string().trim().min(1, "name the token (what it is for)").max(100, "names have at most 100 characters").refine(isSingleLineText, "a name has no control characters"),
});

const revokeTokenSchema = z.object({
  tokenId: z.coerce.number().int().positive("not a token id").max(MAX_INT_ID, "not a token id"),
});

/** The create-token form's fields. */
const TOKEN_FIELDS = ["name"];

/**
 * `null` before the first submission; a refusal carries its messages and the typed name back; the
 * token travels back once and only its hash is stored.
 */
export type CreateTokenState =
  | { error: string | null; fieldErrors: FieldErrors; values: { name: string } }
  | { ok: true; id: number; name: string; token: string }
  | null;
export type RevokeTokenState = { error: string } | { ok: true; name: string } | null;

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "invalid form";
}

function refused(error: AppError, values: { name: string }): CreateTokenState {
  const { formError, fieldErrors } = refusalOf(error, TOKEN_FIELDS);
  return { error: formError, fieldErrors, values };
}

export async function createTokenAction(_state: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const user = await requireActionRole(UPLOAD_ROLES);
  const values = { name: String(form.get("name") ?? "") };
  const parsed = createTokenSchema.safeParse(values);
  if (!parsed.success) return refused(invalidInput(parsed.error.issues), values);
  try {
    // Always for the signed-in account: the form names no account.
    const created = await createApiToken(user.email, parsed.data.name, user.email);
    revalidatePath("/account/tokens");
    return { ok: true, id: created.id, name: parsed.data.name, token: created.token };
  } catch (error) {
    if (error instanceof AppError) return refused(error, values);
    throw error;
  }
}

export async function revokeTokenAction(_state: RevokeTokenState, form: FormData): Promise<RevokeTokenState> {
  const user = await requireActionRole(UPLOAD_ROLES);
  const parsed = revokeTokenSchema.safeParse({ tokenId: form.get("tokenId") });
  if (!parsed.success) return { error: firstIssue(parsed.error) };
  try {
    const revoked = await revokeOwnApiToken(user, parsed.data.tokenId);
    revalidatePath("/account/tokens");
    return { ok: true, name: revoked.name };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
