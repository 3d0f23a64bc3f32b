import "server-only";
import { formErrorsOf, type FieldErrors, type FormErrors } from "../../core/forms/form-errors";
import type { SeenReviewNow } from "../../core/review/seen-review";
import { AppError } from "../app-error";
import { requestLogger } from "../log/request-logger";

/**
 * What a form's server action answers: a confirmation, or a refusal: the messages of the fields
 * it is about, an error for the whole form, and what was typed, to be shown again.
 */
export interface ActionState {
  error: string | null;
  message: string | null;
  fieldErrors?: FieldErrors;
  values?: Readonly<Record<string, string>>;
  /** After a change to a finding's review: what its page now shows, for the page's next change to send. */
  review?: SeenReviewNow;
}

/** A confirmation, with the review it left behind when the action changed one. */
export type ActionAnswer = string | { message: string; review: SeenReviewNow };

export const IDLE: ActionState = { error: null, message: null };

/** The form a server action reads: its data, and the fields it shows the user, in order. */
export interface ActionForm {
  data: FormData;
  fields: readonly string[];
}

/**
 * Run a server action's work: an AppError becomes a message the user can act on, beside the field
 * it names when the form shows that field; anything else is logged and answered with a plain
 * sentence (no stack trace, no SQL in the page). A refusal keeps what was typed.
 */
export async function actionState(work: () => Promise<ActionAnswer>, form?: ActionForm): Promise<ActionState> {
  try {
    const answer = await work();
    return typeof answer === "string" ? { error: null, message: answer } : { error: null, ...answer };
  } catch (error) {
    const values = form ? typedValues(form) : undefined;
    if (error instanceof AppError) {
      const { formError, fieldErrors } = refusalOf(error, form?.fields ?? []);
      return { error: formError, message: null, fieldErrors, values };
    }
    const { log, requestId } = requestLogger();
    log.error({ err: error }, "server action failed");
    return { error: `Something went wrong; nothing was changed. (reference ${requestId})`, message: null, values };
  }
}

/** An AppError split between the form's fields and the form. */
export function refusalOf(error: AppError, fields: readonly string[]): FormErrors {
  return formErrorsOf(error.message, error.issues, fields);
}

/** The text typed in the form's fields (files are never sent back). */
export function typedValues({ data, fields }: ActionForm): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = data.get(field);
    if (typeof value === "string") values[field] = value;
  }
  return values;
}
