"use client";

import { useEffect, type RefObject } from "react";
import { firstRefusedField, type FieldErrors } from "@/lib/core/forms/form-errors";

const errorId = (formId: string, field: string) => `${formId}-${field}-error`;

/**
 * A field's ties to its refusal: invalid, described by its message, and (on the page the server
 * sends after a refusal without JavaScript) focused when it is the first refused field.
 */
export function refusedFieldProps(formId: string, field: string, fieldErrors: FieldErrors | undefined) {
  if (!fieldErrors?.[field]) return {};
  return {
    "aria-invalid": true,
    "aria-describedby": errorId(formId, field),
    autoFocus: firstRefusedField(fieldErrors) === field,
  } as const;
}

/** The message of a refused field, placed after its label (inside it, it would join the field's name). */
export function FieldError({ formId, field, fieldErrors }: { formId: string; field: string; fieldErrors: FieldErrors | undefined }) {
  const message = fieldErrors?.[field];
  return message ? (
    <p id={errorId(formId, field)} className="error field-error">
      {message}
    </p>
  ) : null;
}

/**
 * After an answer, the keyboard's focus goes to the first refused field, else to the answer's
 * message (the controls were disabled meanwhile, which dropped the focus). Once per answer: a new
 * answer is a new object, even with the same words.
 */
export function useFocusAfterAnswer(answer: object | null, form: RefObject<HTMLFormElement | null>, message?: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const fieldErrors = answer && "fieldErrors" in answer ? (answer.fieldErrors as FieldErrors | undefined) : undefined;
    const first = firstRefusedField(fieldErrors);
    const field = first ? form.current?.elements.namedItem(first) : null;
    if (field instanceof HTMLElement) field.focus();
    else message?.current?.focus();
  }, [answer, form, message]);
}
