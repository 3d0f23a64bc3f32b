import { describe, expect, it } from "vitest";
import { ADDRESS_FREE_FAILURES, FREE_FAILURES, LoginThrottle, MAX_WAIT_MS } from "@/lib/server/auth/login-throttle";

describe("LoginThrottle", () => {
  const keys = ["account:a@example.org", "address:10.0.0.1"];

  it("lets the first failures through, then backs off exponentially", () => {
    const throttle = new LoginThrottle();
    let now = 1_000_000;
    for (let i = 0; i < FREE_FAILURES - 1; i++) {
      expect(throttle.waitMs(keys, now)).toBe(0);
      throttle.fail(keys, now);
    }
    throttle.fail(keys, now); // the FREE_FAILURES-th failure
    expect(throttle.waitMs(keys, now)).toBe(2000);
    now += 2000;
    expect(throttle.waitMs(keys, now)).toBe(0);
    throttle.fail(keys, now);
    expect(throttle.waitMs(keys, now)).toBe(4000);
  });

  it("caps the wait", () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 40; i++) throttle.fail(keys, 0);
    expect(throttle.waitMs(keys, 0)).toBe(MAX_WAIT_MS);
  });

  it("throttles an address that tries many accounts, and a success clears only the account", () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < FREE_FAILURES; i++) throttle.fail([`account:user${i}@example.org`, "address:10.0.0.2"], 0);
    // An address is shared by many people: it gets more attempts than one account.
    expect(throttle.waitMs(["account:fresh@example.org", "address:10.0.0.2"], 0)).toBe(0);
    for (let i = FREE_FAILURES; i < ADDRESS_FREE_FAILURES; i++) throttle.fail([`account:user${i}@example.org`, "address:10.0.0.2"], 0);
    expect(throttle.waitMs(["account:fresh@example.org", "address:10.0.0.2"], 0)).toBeGreaterThan(0);
    throttle.succeed(["account:fresh@example.org"]);
    expect(throttle.waitMs(["account:fresh@example.org", "address:10.0.0.2"], 0)).toBeGreaterThan(0);
    expect(throttle.waitMs(["account:fresh@example.org", "address:10.0.0.3"], 0)).toBe(0);
  });
});

describe("LoginThrottle.forgive", () => {
  it("takes back one attempt counted before a successful check", () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < ADDRESS_FREE_FAILURES; i++) throttle.fail(["address:10.0.0.9"], 0);
    expect(throttle.waitMs(["address:10.0.0.9"], 0)).toBeGreaterThan(0);
    throttle.forgive(["address:10.0.0.9"]);
    expect(throttle.waitMs(["address:10.0.0.9"], 0)).toBe(0);
  });
});
