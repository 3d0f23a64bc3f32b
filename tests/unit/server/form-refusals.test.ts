import { describe, expect, it } from "vitest";
import { actionState, refusalOf } from "@/lib/server/actions/action-state";
import { alertRuleInputSchema } from "@/lib/server/alerts/alert-rule-input";
import { AppError, errorResponse, invalidField, invalidInput } from "@/lib/server/app-error";

/** A refusal names its fields: a server action answers them beside their fields (typed values kept), the API names them. */
function noteForm(body: string) {
  const data = new FormData();
  data.set("flight", "0b04e2-101");
  data.set("body", body);
  return { data, fields: ["body"] };
}

describe("actionState", () => {
  it("answers a refused field beside it, with nothing for the whole form, and keeps what was typed", async () => {
    const state = await actionState(async () => {
      throw invalidField("body", "the note is empty");
    }, noteForm("   "));
    expect(state).toEqual({ error: null, message: null, fieldErrors: { body: "the note is empty" }, values: { body: "   " } });
  });

  it("keeps at the form level a refusal that names no field, or a field the form does not show", async () => {
    const unnamed = await actionState(async () => {
      throw new AppError("NOT_FOUND", "no flight 0b04e2-101");
    }, noteForm("seen twice"));
    expect(unnamed).toEqual({ error: "no flight 0b04e2-101", message: null, fieldErrors: {}, values: { body: "seen twice" } });
    const hidden = await actionState(async () => {
      throw invalidField("flight", "unknown flight");
    }, noteForm("seen twice"));
    expect(hidden).toMatchObject({ error: "unknown flight", fieldErrors: {} });
  });

  it("answers an unexpected failure in plain words with a reference, keeping what was typed", async () => {
    const state = await actionState(async () => {
      throw new Error('relation "notes" does not exist');
    }, noteForm("seen twice"));
    expect(state.error).toMatch(/^Something went wrong; nothing was changed\. \(reference [0-9a-f]{12}\)$/);
    expect(state.fieldErrors).toBeUndefined();
    expect(state.values).toEqual({ body: "seen twice" });
  });

  it("answers a confirmation with nothing refused", async () => {
    expect(await actionState(async () => "Note added.", noteForm("seen twice"))).toEqual({ error: null, message: "Note added." });
  });

  it("passes on the review a change left behind, for the page's next change", async () => {
    const review = { status: "IN_REVIEW" as const, version: 3 };
    expect(await actionState(async () => ({ message: "Now in review.", review }))).toEqual({ error: null, message: "Now in review.", review });
  });
});

describe("refusalOf", () => {
  it("maps the alert rule schema's Zod issues to the alert form's fields", () => {
    const fields = ["rule", "channel", "webhookUrl", "webhookFormat"];
    const missingUrl = alertRuleInputSchema.safeParse({ rule: "dark", channel: "webhook" });
    expect(missingUrl.success).toBe(false);
    expect(refusalOf(invalidInput(missingUrl.error!.issues), fields)).toEqual({ formError: null, fieldErrors: { webhookUrl: "a webhook rule needs its URL" } });
    const badChoices = alertRuleInputSchema.safeParse({ rule: "loud", channel: "pigeon" });
    expect(Object.keys(refusalOf(invalidInput(badChoices.error!.issues), fields).fieldErrors)).toEqual(["rule", "channel"]);
  });

  it("keeps the whole message for the CLI and the API", () => {
    const error = invalidInput([
      { path: ["rule"], message: "unknown rule" },
      { path: ["channel"], message: "unknown channel" },
    ]);
    expect(error.message).toBe("unknown rule; unknown channel");
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("errorResponse", () => {
  it("names the refused fields beside the whole message, for a page to show each beside its field", async () => {
    const response = errorResponse(invalidInput([{ path: ["icao24"], message: "icao24 is 6 hex digits" }, { path: [], message: "nothing to import" }]));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "icao24 is 6 hex digits; nothing to import", code: "BAD_REQUEST", fields: { icao24: "icao24 is 6 hex digits" } });
  });

  it("answers a refusal that names no field as before", async () => {
    expect(await errorResponse(new AppError("CONFLICT", "already imported")).json()).toEqual({ error: "already imported", code: "CONFLICT" });
  });
});
