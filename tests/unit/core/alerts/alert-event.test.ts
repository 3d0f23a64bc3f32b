import { describe, expect, it } from "vitest";
import { DEFAULT_ALERT_COOLDOWN_MS, alertEventSchema, dedupeKeyOf, isInCooldown, type AlertEvent } from "@/lib/core/alerts/alert-event";

const MIN = 60_000;

const cubanaDark: AlertEvent = {
  rule: "dark",
  icao24: "0b04e2",
  registration: "CU-T1250",
  callsign: "CUB1234",
  typecode: "IL96",
  summary: "CU-T1250 (IL96, callsign CUB1234) went silent at FL330 over the Caribbean Sea 6 min ago (20:14 UTC)",
  atMs: Date.UTC(2024, 7, 1, 20, 20),
  flightId: "f-42",
  url: "https://darkflight.example/flights/f-42",
  dedupeKey: "dark:0b04e2:1722543240000",
};

describe("alertEventSchema", () => {
  it("accepts a complete event and one with every optional identity unknown", () => {
    expect(alertEventSchema.parse(cubanaDark)).toEqual(cubanaDark);
    const bare = { ...cubanaDark, registration: null, callsign: null, typecode: null, flightId: null, url: null };
    expect(alertEventSchema.safeParse(bare).success).toBe(true);
  });

  it("rejects an unknown rule, a malformed address, an empty summary and a fractional time", () => {
    expect(alertEventSchema.safeParse({ ...cubanaDark, rule: "all" }).success).toBe(false);
    expect(alertEventSchema.safeParse({ ...cubanaDark, icao24: "0B04E2" }).success).toBe(false);
    expect(alertEventSchema.safeParse({ ...cubanaDark, icao24: "0b04e" }).success).toBe(false);
    expect(alertEventSchema.safeParse({ ...cubanaDark, summary: "" }).success).toBe(false);
    expect(alertEventSchema.safeParse({ ...cubanaDark, atMs: 1.5 }).success).toBe(false);
  });

  it("accepts only http(s) links, so no payload carries a javascript: URL", () => {
    expect(alertEventSchema.safeParse({ ...cubanaDark, url: "javascript:alert(1)" }).success).toBe(false);
    expect(alertEventSchema.safeParse({ ...cubanaDark, url: "ftp://darkflight.example/f" }).success).toBe(false);
    expect(alertEventSchema.safeParse({ ...cubanaDark, url: "http://localhost:3000/flights/1" }).success).toBe(true);
    expect(alertEventSchema.safeParse({ ...cubanaDark, url: "https://" }).success).toBe(false);
  });

  it("requires every field, even the nullable ones", () => {
    const withoutUrl: Partial<AlertEvent> = { ...cubanaDark };
    delete withoutUrl.url;
    expect(alertEventSchema.safeParse(withoutUrl).success).toBe(false);
  });
});

describe("dedupeKeyOf", () => {
  it("is the same for the same rule, aircraft and episode, whatever the address's case", () => {
    expect(dedupeKeyOf("dark", "0B04E2", "1722543240000")).toBe("dark:0b04e2:1722543240000");
    expect(dedupeKeyOf("dark", " 0b04e2", "1722543240000")).toBe(dedupeKeyOf("dark", "0B04E2", "1722543240000"));
  });

  it("differs when the rule, the aircraft or the episode differs", () => {
    const keys = new Set([
      dedupeKeyOf("dark", "0b04e2", "f-42"),
      dedupeKeyOf("spoofing", "0b04e2", "f-42"),
      dedupeKeyOf("dark", "0b04e3", "f-42"),
      dedupeKeyOf("dark", "0b04e2", "f-43"),
    ]);
    expect(keys.size).toBe(4);
  });
});

describe("isInCooldown", () => {
  it("defaults to 30 minutes", () => {
    expect(DEFAULT_ALERT_COOLDOWN_MS).toBe(30 * MIN);
  });

  it("never holds the first alert of an aircraft and rule", () => {
    expect(isInCooldown(null, 0, DEFAULT_ALERT_COOLDOWN_MS)).toBe(false);
  });

  it("holds alerts closer than the cooldown and releases at exactly the cooldown", () => {
    const last = Date.UTC(2024, 7, 1, 20, 0);
    expect(isInCooldown(last, last, DEFAULT_ALERT_COOLDOWN_MS)).toBe(true);
    expect(isInCooldown(last, last + 29 * MIN, DEFAULT_ALERT_COOLDOWN_MS)).toBe(true);
    expect(isInCooldown(last, last + 30 * MIN, DEFAULT_ALERT_COOLDOWN_MS)).toBe(false);
    expect(isInCooldown(last, last + 2 * 60 * MIN, DEFAULT_ALERT_COOLDOWN_MS)).toBe(false);
  });

  it("counts the distance either way: a late event just before the last alert is held, old replayed data is not", () => {
    const last = Date.UTC(2024, 7, 1, 20, 0);
    expect(isInCooldown(last, last - 5 * MIN, DEFAULT_ALERT_COOLDOWN_MS)).toBe(true);
    expect(isInCooldown(last, last - 3 * 24 * 60 * MIN, DEFAULT_ALERT_COOLDOWN_MS)).toBe(false);
  });

  it("never holds with a cooldown of zero", () => {
    expect(isInCooldown(1000, 1000, 0)).toBe(false);
  });
});
