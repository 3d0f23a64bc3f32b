"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FieldErrors } from "@/lib/core/forms/form-errors";
import { refusalOf } from "@/lib/server/actions/action-state";
import { AppError } from "@/lib/server/app-error";
import { REVIEW_ROLES, requireActionRole } from "@/lib/server/auth/require-page-role";
import { addAlertRule } from "@/lib/server/alerts/add-alert-rule";
import { removeAlertRule } from "@/lib/server/alerts/remove-alert-rule";
import { MAX_INT_ID } from "@/lib/core/format/user-input";

const removeRuleSchema = z.object({
  ruleId: z.coerce.number().int().positive("not a rule id").max(MAX_INT_ID, "not a rule id"),
});

/** The add-rule form's fields, in its order. */
const RULE_FIELDS = ["rule", "channel", "webhookUrl", "webhookFormat"] as const;

/**
 * `null` before the first submission; a refusal carries each refused field's message, what
 * belongs to no field, and the typed values back, so they can be corrected.
 */
export type AddAlertRuleState =
  | { error: string | null; fieldErrors: FieldErrors; values: { rule: string; channel: string; webhookUrl: string; webhookFormat: string } }
  | { ok: true; id: number }
  | null;
export type RemoveAlertRuleState = { error: string } | { ok: true } | null;

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

export async function addAlertRuleAction(_state: AddAlertRuleState, form: FormData): Promise<AddAlertRuleState> {
  const analyst = await requireActionRole(REVIEW_ROLES);
  const values = { rule: field(form, "rule"), channel: field(form, "channel"), webhookUrl: field(form, "webhookUrl"), webhookFormat: field(form, "webhookFormat") };
  const webhook = values.channel === "webhook";
  try {
    // addAlertRule validates (alert-rule-input.ts); blank fields mean "none" and "guess the format from the URL".
    const rule = await addAlertRule(
      {
        rule: values.rule,
        channel: values.channel,
        webhookUrl: webhook && values.webhookUrl ? values.webhookUrl : undefined,
        webhookFormat: webhook && values.webhookFormat ? values.webhookFormat : undefined,
      },
      analyst,
    );
    revalidatePath("/alerts");
    return { ok: true, id: rule.id };
  } catch (error) {
    if (error instanceof AppError) {
      const { formError, fieldErrors } = refusalOf(error, RULE_FIELDS);
      return { error: formError, fieldErrors, values };
    }
    throw error;
  }
}

export async function removeAlertRuleAction(_state: RemoveAlertRuleState, form: FormData): Promise<RemoveAlertRuleState> {
  const analyst = await requireActionRole(REVIEW_ROLES);
  const parsed = removeRuleSchema.safeParse({ ruleId: form.get("ruleId") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "invalid form" };
  try {
    await removeAlertRule(parsed.data.ruleId, analyst);
    revalidatePath("/alerts");
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
