/** A refusal of part of the input, as a Zod issue states it: the path names the field. */
export interface FieldIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Each refused field's message, in the form's order of fields (the first is focused). */
export type FieldErrors = Readonly<Record<string, string>>;

/** What a refused form shows: messages beside their fields, and what belongs to no field. */
export interface FormErrors {
  formError: string | null;
  fieldErrors: FieldErrors;
}

/**
 * Split a refusal between a form's fields and the form itself. `fields` are the fields the form
 * shows, in its order: an issue about anything else (a hidden field, the whole input) stays at the
 * form level, where the user can read it. Without issues, `message` is the form's error.
 *
 * @example
 * formErrorsOf("a webhook rule needs its URL", [{ path: ["webhookUrl"], message: "a webhook rule needs its URL" }], ["rule", "webhookUrl"])
 * // => { formError: null, fieldErrors: { webhookUrl: "a webhook rule needs its URL" } }
 */
export function formErrorsOf(message: string, issues: readonly FieldIssue[], fields: readonly string[]): FormErrors {
  if (issues.length === 0) return { formError: message, fieldErrors: {} };
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const issue of issues) {
    const head = issue.path[0];
    const field = typeof head === "string" && fields.includes(head) ? head : null;
    const list = field === null ? other : (byField.get(field) ?? byField.set(field, []).get(field)!);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  const fieldErrors: Record<string, string> = {};
  for (const field of fields) {
    const messages = byField.get(field);
    if (messages) fieldErrors[field] = messages.join("; ");
  }
  return { formError: other.length > 0 ? other.join("; ") : null, fieldErrors };
}

/** The field a refused form focuses: its first refused one, or none (the form's error then). */
export function firstRefusedField(fieldErrors: FieldErrors | undefined): string | null {
  return fieldErrors ? (Object.keys(fieldErrors)[0] ?? null) : null;
}

/** Every field the issues name, with its messages: for an API's answer, where no form says which fields it shows. */
export function namedFieldErrors(issues: readonly FieldIssue[]): FieldErrors {
  const fields = [...new Set(issues.map((i) => i.path[0]).filter((head): head is string => typeof head === "string"))];
  return formErrorsOf("", issues, fields).fieldErrors;
}
