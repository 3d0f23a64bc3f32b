import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FieldWarningTally } from "@/lib/ingest/field-warning-tally";
import { MAX_REPORTED_VALUE_CHARS, RejectionTally } from "@/lib/ingest/rejection-tally";

/** PostgreSQL's jsonb takes no NUL and no unpaired surrogate in its strings. */
function jsonbRefuses(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000") || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
  if (Array.isArray(value)) return value.some(jsonbRefuses);
  if (value !== null && typeof value === "object") return Object.values(value).some(jsonbRefuses);
  return false;
}

describe("import report tallies", () => {
  it("keep every value, column and reason storable in the jsonb report, and short", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), fc.string({ unit: "binary", maxLength: 10 }), (text, column) => {
        const rejections = new RejectionTally();
        const warnings = new FieldWarningTally();
        rejections.add({ line: 1, column, reason: text, value: text });
        warnings.add({ line: 1, column, reason: text, value: text, action: "dropped" });
        expect(jsonbRefuses({ rejections: rejections.report(), warnings: warnings.report() })).toBe(false);
        expect(rejections.report().rows[0]!.value!.length).toBeLessThan(MAX_REPORTED_VALUE_CHARS + 200);
      }),
      { numRuns: 200 },
    );
  });

  it("counts dropped and adjusted values apart, per reason", () => {
    const warnings = new FieldWarningTally();
    warnings.add({ line: 2, column: "squawk", reason: "not a 4-digit octal squawk", value: "1965", action: "dropped" });
    warnings.add({ line: 3, column: "squawk", reason: "not a 4-digit octal squawk", value: "1968", action: "dropped" });
    warnings.add({ line: 3, column: "vr", reason: "rounded to a whole number", value: "-640.5", action: "adjusted" });
    expect(warnings.report()).toMatchObject({
      dropped: 2,
      adjusted: 1,
      reasons: [{ reason: "not a 4-digit octal squawk", count: 2 }, { reason: "rounded to a whole number", count: 1 }],
    });
  });
});
