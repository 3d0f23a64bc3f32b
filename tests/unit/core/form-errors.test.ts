import { describe, expect, it } from "vitest";
import { firstRefusedField, formErrorsOf, namedFieldErrors } from "@/lib/core/forms/form-errors";

const RULE_FIELDS = ["rule", "channel", "webhookUrl", "webhookFormat"];

describe("formErrorsOf", () => {
  it("puts an issue on the field its path names, and nothing at the form level", () => {
    expect(formErrorsOf("a webhook rule needs its URL", [{ path: ["webhookUrl"], message: "a webhook rule needs its URL" }], RULE_FIELDS)).toEqual({
      formError: null,
      fieldErrors: { webhookUrl: "a webhook rule needs its URL" },
    });
  });

  it("keeps the form's order of fields, whatever the order of the issues (the first is focused)", () => {
    const errors = formErrorsOf(
      "x",
      [
        { path: ["webhookFormat"], message: "unknown format" },
        { path: ["rule"], message: "unknown rule" },
      ],
      RULE_FIELDS,
    );
    expect(Object.keys(errors.fieldErrors)).toEqual(["rule", "webhookFormat"]);
    expect(firstRefusedField(errors.fieldErrors)).toBe("rule");
  });

  it("joins a field's distinct messages and drops repeats", () => {
    const issues = [
      { path: ["name"], message: "too long" },
      { path: ["name"], message: "a name has no control characters" },
      { path: ["name"], message: "too long" },
    ];
    expect(formErrorsOf("x", issues, ["name"]).fieldErrors).toEqual({ name: "too long; a name has no control characters" });
  });

  it("names a field by the path's first step (a nested value is still that field's)", () => {
    expect(formErrorsOf("x", [{ path: ["flights", 3], message: "not a flight" }], ["status", "flights"]).fieldErrors).toEqual({ flights: "not a flight" });
  });

  it("keeps at the form level what is about no field the form shows: the whole input, a hidden field, an index", () => {
    const issues = [
      { path: [], message: "nothing to do" },
      { path: ["password"], message: "passwords have at least 12 characters" },
      { path: [0], message: "first row" },
      { path: ["email"], message: "not an email address" },
    ];
    expect(formErrorsOf("x", issues, ["email", "role"])).toEqual({
      formError: "nothing to do; passwords have at least 12 characters; first row",
      fieldErrors: { email: "not an email address" },
    });
  });

  it("answers the message itself for the form when the refusal names no field", () => {
    expect(formErrorsOf("no active account for a@example.org", [], ["name"])).toEqual({ formError: "no active account for a@example.org", fieldErrors: {} });
  });

  it("does not take an inherited property's name for a field", () => {
    expect(formErrorsOf("x", [{ path: ["toString"], message: "odd" }], ["name"])).toEqual({ formError: "odd", fieldErrors: {} });
  });
});

describe("firstRefusedField", () => {
  it("is none without refused fields", () => {
    expect(firstRefusedField(undefined)).toBeNull();
    expect(firstRefusedField({})).toBeNull();
  });
});

describe("namedFieldErrors", () => {
  it("names every field an issue is about, and leaves out what is about no field", () => {
    const issues = [
      { path: ["registration"], message: "registration has control characters" },
      { path: [], message: "nothing to import" },
      { path: ["icao24"], message: "icao24 is 6 hex digits" },
    ];
    expect(namedFieldErrors(issues)).toEqual({ registration: "registration has control characters", icao24: "icao24 is 6 hex digits" });
    expect(namedFieldErrors([])).toEqual({});
  });
});
