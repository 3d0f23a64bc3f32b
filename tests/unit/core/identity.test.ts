import { describe, expect, it } from "vitest";
import { countryOfIcao24 } from "@/lib/core/identity/country-of-icao24";
import { countryOfRegistration } from "@/lib/core/identity/country-of-registration";
import { identityWarning } from "@/lib/core/identity/identity-warning";

describe("country of an ICAO 24-bit address", () => {
  it.each([
    ["0b04e2", "CU"],
    ["0d80ae", "VE"],
    ["15770c", "RU"],
    ["730541", "IR"],
    ["480000", "NL"],
    ["ac671b", "US"],
    ["0ac123", "CO"],
    ["780abc", "CN"],
  ])("%s → %s", (hex, code) => {
    expect(countryOfIcao24(hex)?.code).toBe(code);
  });

  it("prefers a nested territory block over its sovereign's catch-all", () => {
    expect(countryOfIcao24("424200")?.code).toBe("BM"); // Bermuda inside the UK block
    expect(countryOfIcao24("400000")?.code).toBe("BM");
    expect(countryOfIcao24("406b58")?.code).toBe("GB");
  });

  it("returns null for unallocated or malformed addresses", () => {
    expect(countryOfIcao24("000001")).toBeNull();
    expect(countryOfIcao24("xyz")).toBeNull();
  });
});

describe("country of a registration", () => {
  it.each([
    ["CU-T1250", "CU"],
    ["YV1004", "VE"],
    ["YV-3535", "VE"],
    ["RA-96012", "RU"],
    ["RF-76551", "RU"],
    ["EP-AJA", "IR"],
    ["B-6510", "CN"],
    ["B-HNA", "HK"],
    ["PJ-KVI", "CW"],
    ["P4-AAA", "AW"],
    ["N899DN", "US"],
    ["HK-5000", "CO"],
    ["XA-ABC", "MX"],
    ["HP-1234", "PA"],
    ["6Y-JMA", "JM"],
    ["HI1001", "DO"],
    ["C-FABC", "CA"],
    ["VP-CAB", "KY"],
  ])("%s → %s", (reg, code) => {
    expect(countryOfRegistration(reg)?.country).toBe(code);
  });

  it("does not guess from a bare letter or nothing", () => {
    expect(countryOfRegistration("NABC")).toBeNull(); // N must be followed by a digit
    expect(countryOfRegistration("GABCD")).toBeNull(); // one-letter marks need their hyphen
    expect(countryOfRegistration(null)).toBeNull();
  });
});

describe("identity warning", () => {
  it("is silent when address block and registration agree, territories included", () => {
    expect(identityWarning("0b04e2", "CU-T1250").warning).toBeNull();
    expect(identityWarning("480123", "PJ-KVI").warning).toBeNull(); // Curaçao aircraft use Dutch addresses
    expect(identityWarning("0b04e2", null).warning).toBeNull();
  });

  it("warns in plain words when they disagree", () => {
    const check = identityWarning("0d80ae", "CU-T1250");
    expect(check.addressCountry?.code).toBe("VE");
    expect(check.registrationCountry?.code).toBe("CU");
    expect(check.warning).toContain("Venezuela");
    expect(check.warning).toContain("CU-T1250");
  });
});
