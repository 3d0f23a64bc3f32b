"use client";

import { useActionState, useRef } from "react";
import { ALERT_RULE_CHOICES, ALERT_RULE_LABELS, WEBHOOK_FORMATS, type AlertRuleChoice } from "@/lib/core/alerts/alert-rule";
import { FieldError, refusedFieldProps, useFocusAfterAnswer } from "../../_components/field-error";
import { addAlertRuleAction, type AddAlertRuleState } from "../actions";

const FORM_ID = "add-rule";

const choiceLabel = (choice: AlertRuleChoice) => (choice === "all" ? "every rule" : ALERT_RULE_LABELS[choice]);

export function AddAlertRuleForm() {
  const [state, action, pending] = useActionState<AddAlertRuleState, FormData>(addAlertRuleAction, null);
  const refused = state && "error" in state ? state : null;
  const typed = refused?.values;
  const fieldErrors = refused?.fieldErrors;
  const invalid = (field: string) => refusedFieldProps(FORM_ID, field, fieldErrors);
  const form = useRef<HTMLFormElement>(null);
  const formError = useRef<HTMLParagraphElement>(null);
  useFocusAfterAnswer(state, form, formError);
  // React resets a form after its action, to each field's default; a select keeps the default it
  // was mounted with, so each is keyed on its own: after a refusal it shows what was chosen.
  return (
    <form ref={form} action={action} className="form" aria-describedby={refused?.error ? "add-rule-error" : undefined} data-testid="add-alert-rule">
      <label>
        Alert me about
        <select name="rule" key={`rule ${typed?.rule}`} defaultValue={typed?.rule ?? "dark"} required {...invalid("rule")}>
          {ALERT_RULE_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choiceLabel(choice)}
            </option>
          ))}
        </select>
      </label>
      <FieldError formId={FORM_ID} field="rule" fieldErrors={fieldErrors} />
      <label>
        Channel
        <select name="channel" key={`channel ${typed?.channel}`} defaultValue={typed?.channel ?? "in-app"} required {...invalid("channel")}>
          <option value="in-app">in the app (this page and the live notices)</option>
          <option value="webhook">webhook (an HTTP POST to a URL)</option>
        </select>
      </label>
      <FieldError formId={FORM_ID} field="channel" fieldErrors={fieldErrors} />
      <label>
        Webhook URL (webhook only)
        <input name="webhookUrl" key={`url ${typed?.webhookUrl}`} type="url" autoComplete="off" maxLength={2000} spellCheck={false} defaultValue={typed?.webhookUrl} placeholder="https://hooks.slack.com/services/…" {...invalid("webhookUrl")} />
      </label>
      <FieldError formId={FORM_ID} field="webhookUrl" fieldErrors={fieldErrors} />
      <label>
        Webhook format
        <select name="webhookFormat" key={`format ${typed?.webhookFormat}`} defaultValue={typed?.webhookFormat ?? ""} {...invalid("webhookFormat")}>
          <option value="">automatic (Slack and Discord by their URL, otherwise JSON)</option>
          {WEBHOOK_FORMATS.map((format) => (
            <option key={format} value={format}>
              {format}
            </option>
          ))}
        </select>
      </label>
      <FieldError formId={FORM_ID} field="webhookFormat" fieldErrors={fieldErrors} />
      {refused?.error ? (
        <p id="add-rule-error" role="alert" className="error" tabIndex={-1} ref={formError}>
          {refused.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add rule"}
      </button>
    </form>
  );
}
