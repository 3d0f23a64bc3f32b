import { z } from "zod";
import { ALERT_RULES, type AlertRuleKind } from "./alert-rule";

/**
 * One alert, as stored for the in-app list and sent to webhooks. Times are stream time (the time
 * of the data that raised it), never the clock of the machine that noticed: a replayed or late
 * feed must produce the same alerts.
 */
export const alertEventSchema = z.object({
  rule: z.enum(ALERT_RULES),
  /** 24-bit ICAO address, lower-case hex. */
  icao24: z.string().regex(/^[0-9a-f]{6}$/, "not a 24-bit address (6 lower-case hex digits)"),
  registration: z.string().min(1).nullable(),
  callsign: z.string().min(1).nullable(),
  typecode: z.string().min(1).nullable(),
  /** Plain words (describe-alert.ts), never markup: each webhook format escapes it. */
  summary: z.string().min(1),
  /** Stream time of the alert, epoch ms. */
  atMs: z.number().int().nonnegative(),
  flightId: z.string().min(1).nullable(),
  /** Link to the flight page; http(s) only, so a payload never carries a javascript: link. */
  url: z.url({ protocol: /^https?$/ }).nullable(),
  /** Same key, same alert: see {@link dedupeKeyOf}. */
  dedupeKey: z.string().min(1),
});
export type AlertEvent = z.infer<typeof alertEventSchema>;

/**
 * The identity of an alert: one per rule, aircraft and episode, so re-reading the same data
 * (a retried batch, a re-detection) raises nothing new. The episode is what makes a repeat a
 * new event: the flight id for flight-level rules, the gap's off time for "dark".
 * The rule and address contain no ":", so the key stays unambiguous whatever the episode holds.
 * @example dedupeKeyOf("dark", "0B04E2", "1722543240000") // "dark:0b04e2:1722543240000"
 */
export function dedupeKeyOf(rule: AlertRuleKind, icao24: string, episode: string): string {
  return `${rule}:${icao24.trim().toLowerCase()}:${episode}`;
}

/**
 * Quiet time per aircraft and rule, 30 min. The dedupe key stops the same episode twice; this
 * stops a burst of new episodes of one aircraft: at the edge of coverage a flight can go silent,
 * reappear for a few positions and go silent again every few minutes (each a new gap with its own
 * off time), and one message says all the analyst needs. 30 min is six times the shortest
 * recorded silence (minGapS, 5 min) and shorter than a Havana–Caracas flight, so a real second
 * event on the same flight still gets through. Per rule, so a dark alert never hides a spoofing one.
 */
export const DEFAULT_ALERT_COOLDOWN_MS = 30 * 60 * 1000;

/**
 * Is an alert at `atMs` too close to the last one of the same aircraft and rule (`previousAtMs`,
 * null when there was none)? Both are stream times. The distance counts either way: a late
 * event just before the last alert is as much a repeat as one just after, while data replayed
 * from days before is not held back by today's alert. A cooldown of 0 or less never holds.
 * @example isInCooldown(0, 10 * 60_000, DEFAULT_ALERT_COOLDOWN_MS) // true
 */
export function isInCooldown(previousAtMs: number | null, atMs: number, cooldownMs: number): boolean {
  if (previousAtMs === null || cooldownMs <= 0) return false;
  return Math.abs(atMs - previousAtMs) < cooldownMs;
}
