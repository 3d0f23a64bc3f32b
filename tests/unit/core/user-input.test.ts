import { describe, expect, it } from "vitest";
import { isUtcDay } from "@/lib/core/format/format-utc";
import { isBigintIdText, isFreeText, isSingleLineText, localPathOrNull, MAX_INT_ID } from "@/lib/core/format/user-input";
import { parseQueueFilters } from "@/lib/core/review/queue-filters";

/** What may reach the database from a form, a query string or a path (user-input.ts). */
describe("user input", () => {
  it("sends a signed-in user only to a path of this site", () => {
    expect(localPathOrNull("/imports")).toBe("/imports");
    expect(localPathOrNull("/review?kind=CUBA_VENEZUELA&page=2#top")).toBe("/review?kind=CUBA_VENEZUELA&page=2#top");
    // Browsers drop tabs and line breaks inside URLs, and read "\" as "/": each of these is another site.
    for (const other of ["//example.com", "/\\example.com", "/\t/example.com", "/\n/example.com", "/\r\n/example.com", "https://example.com", "example.com", "", "/%09/example.com/\u0000", "/.//example.com", "/..//example.com", "/a/..//example.com", "/./\\example.com"]) {
      expect(localPathOrNull(other), JSON.stringify(other)).toBeNull();
    }
    // Percent-encoded, the same characters stay in the path: still this site.
    expect(localPathOrNull("/%09/example.com")).toBe("/%09/example.com");
    expect(localPathOrNull("/flights/../review")).toBe("/review");
  });

  it("takes no control character in one-line values, and only line breaks and tabs in free text", () => {
    expect(isSingleLineText("Cubana de Aviación")).toBe(true);
    for (const bad of ["a\u0000b", "a\tb", "a\nb", "a\u007fb"]) expect(isSingleLineText(bad)).toBe(false);
    expect(isFreeText("first line\n\tsecond line\r\n")).toBe(true);
    for (const bad of ["a\u0000b", "a\u0007b", "a\u001bb", "a\u007fb", "file\u202egpj.exe"]) expect(isFreeText(bad)).toBe(false);
    expect(isSingleLineText("CU-\u202eT1250")).toBe(false);
    // Isolates and marks keep mixed scripts readable: allowed.
    expect(isFreeText("seen over \u2067كاراكاس\u2069 at FL350 \u200f")).toBe(true);
  });

  it("takes only ids that fit their column", () => {
    expect(isBigintIdText("1")).toBe(true);
    expect(isBigintIdText("999999999999999999")).toBe(true);
    for (const bad of ["0", "01", "-1", "1.5", "abc", "", "9999999999999999999", "99999999999999999999"]) expect(isBigintIdText(bad), bad).toBe(false);
    expect(MAX_INT_ID).toBe(2 ** 31 - 1);
  });

  it("takes no year 0 as a day (PostgreSQL has none), and ignores such a filter", () => {
    expect(isUtcDay("0000-01-01")).toBe(false);
    expect(isUtcDay("0001-01-01")).toBe(true);
    expect(parseQueueFilters({ from: "0000-01-01", to: "0000-12-31" })).toMatchObject({ from: null, to: null });
  });

  it("ignores a queue filter holding a control character", () => {
    expect(parseQueueFilters({ operator: "Conviasa\u0000" }).operator).toBeNull();
    expect(parseQueueFilters({ operator: "Conviasa" }).operator).toBe("Conviasa");
  });
});
