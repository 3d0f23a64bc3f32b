import { EventEmitter } from "node:events";
import type { ChildProcess } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { superviseChild } from "@/lib/infra/worker-process";

/** A stand-in child process: exits when told to. */
function fakeChild(): ChildProcess & { die: (code: number) => void } {
  const child = new EventEmitter() as ChildProcess & { die: (code: number) => void };
  Object.assign(child, { exitCode: null, signalCode: null, pid: 1000 });
  child.die = (code) => {
    Object.assign(child, { exitCode: code });
    child.emit("exit", code, null);
  };
  return child;
}

describe("superviseChild (npm start's restart policy for the web server and the worker)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("restarts a child that died, after a backoff that doubles, and stops it on request", async () => {
    const children: ReturnType<typeof fakeChild>[] = [];
    const logged: string[] = [];
    const stopped: ChildProcess[] = [];
    const supervised = superviseChild({
      name: "worker",
      start: async (spawned) => {
        const child = fakeChild();
        children.push(child);
        spawned(child);
        return child;
      },
      stopChild: async (child) => void stopped.push(child),
      log: (message) => logged.push(message),
      onGaveUp: () => expect.unreachable("gave up"),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(children).toHaveLength(1);
    children[0]!.die(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(children).toHaveLength(1); // still waiting out the backoff
    await vi.advanceTimersByTimeAsync(1);
    expect(children).toHaveLength(2);
    children[1]!.die(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(children).toHaveLength(3);
    expect(logged).toEqual(["the worker exited (1); restarting it in 1 s", "the worker exited (1); restarting it in 2 s"]);

    await supervised.stop();
    expect(stopped).toEqual([children[2]]);
    children[2]!.die(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(children).toHaveLength(3); // a child stopped on request is not restarted
  });

  it("gives up after six crashes in a row, each within a minute of its start", async () => {
    let starts = 0;
    const gaveUp: string[] = [];
    superviseChild({
      name: "web server",
      start: async () => {
        starts += 1;
        throw new Error("the web server exited (1)");
      },
      stopChild: async () => undefined,
      log: () => undefined,
      onGaveUp: (reason) => gaveUp.push(reason),
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(starts).toBe(6);
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0]).toContain("crashed 6 times in a row");
  });

  it("forgets earlier crashes once a child has run for a minute", async () => {
    const children: ReturnType<typeof fakeChild>[] = [];
    const gaveUp: string[] = [];
    superviseChild({
      name: "worker",
      start: async () => {
        const child = fakeChild();
        children.push(child);
        return child;
      },
      stopChild: async () => undefined,
      log: () => undefined,
      onGaveUp: (reason) => gaveUp.push(reason),
    });
    for (let i = 0; i < 20; i++) {
      await vi.advanceTimersByTimeAsync(61_000);
      children.at(-1)!.die(1);
    }
    await vi.advanceTimersByTimeAsync(61_000);
    expect(gaveUp).toEqual([]);
    expect(children).toHaveLength(21);
  });
});
