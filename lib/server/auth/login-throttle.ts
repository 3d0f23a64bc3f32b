import "server-only";

/**
 * Login throttling with exponential backoff, per account and per client address: after
 * FREE_FAILURES wrong passwords in a row for an account (ADDRESS_FREE_FAILURES for an address,
 * which many people may share behind one NAT), each further attempt must wait 2, 4, 8 … seconds
 * (at most MAX_WAIT_MS) after the last failure, and is refused unchecked until then. A success
 * clears the account's count. Kept in the web server's memory (one server per database); a
 * restart forgets it. Keys are "account:<email>" and "address:<ip>".
 */
export const FREE_FAILURES = 5;
export const ADDRESS_FREE_FAILURES = 20;
export const MAX_WAIT_MS = 15 * 60_000;
const FORGET_AFTER_MS = 24 * 3600_000;

interface Failures {
  count: number;
  lastMs: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  /** Milliseconds to wait before these keys may try again (0: go ahead). */
  waitMs(keys: readonly string[], nowMs: number): number {
    let wait = 0;
    for (const key of keys) {
      const f = this.failures.get(key);
      const free = key.startsWith("address:") ? ADDRESS_FREE_FAILURES : FREE_FAILURES;
      if (!f || f.count < free) continue;
      const backoffMs = Math.min(MAX_WAIT_MS, 1000 * 2 ** (f.count - free + 1));
      wait = Math.max(wait, f.lastMs + backoffMs - nowMs);
    }
    return Math.max(0, wait);
  }

  fail(keys: readonly string[], nowMs: number): void {
    for (const key of keys) {
      const f = this.failures.get(key);
      this.failures.set(key, { count: (f?.count ?? 0) + 1, lastMs: nowMs });
    }
    if (this.failures.size > 100_000) this.forget(nowMs);
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  /** Take back one counted attempt (it was counted before the check, and it succeeded). */
  forgive(keys: readonly string[]): void {
    for (const key of keys) {
      const f = this.failures.get(key);
      if (f && f.count > 1) f.count -= 1;
      else this.failures.delete(key);
    }
  }

  private forget(nowMs: number): void {
    for (const [key, f] of this.failures) if (nowMs - f.lastMs > FORGET_AFTER_MS) this.failures.delete(key);
  }
}

const globalForThrottle = globalThis as unknown as { darkflightLoginThrottle?: LoginThrottle };
export const loginThrottle = (globalForThrottle.darkflightLoginThrottle ??= new LoginThrottle());
