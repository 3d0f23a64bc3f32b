import { describe, expect, it } from "vitest";
import { webNodeArgs, webProcessEnv } from "@/lib/infra/web-server";

describe("webNodeArgs", () => {
  it("caps the heap at 192 MB and keeps two stack frames by default", () => {
    expect(webNodeArgs({})).toEqual(["--max-old-space-size=192", "--max-semi-space-size=8", "--stack-trace-limit=2"]);
  });

  it("takes the cap from DARKFLIGHT_WEB_HEAP_MB", () => {
    expect(webNodeArgs({ DARKFLIGHT_WEB_HEAP_MB: "512" })[0]).toBe("--max-old-space-size=512");
  });

  it("refuses a cap that is not a whole number of MB, or too small to serve a page", () => {
    for (const bad of ["", "abc", "200.5", "64"]) {
      expect(() => webNodeArgs({ DARKFLIGHT_WEB_HEAP_MB: bad }), bad).toThrow(/DARKFLIGHT_WEB_HEAP_MB/);
    }
  });
});

describe("webProcessEnv", () => {
  it("limits glibc's malloc to two arenas unless the shell chose a number", () => {
    expect(webProcessEnv({})).toEqual({ MALLOC_ARENA_MAX: "2" });
    expect(webProcessEnv({ MALLOC_ARENA_MAX: "8" })).toEqual({ MALLOC_ARENA_MAX: "8" });
  });
});

describe("webProcessEnv: renders at once", () => {
  it("passes a whole number of renders on, and refuses anything else by name", () => {
    expect(webProcessEnv({ DARKFLIGHT_WEB_RENDERS: "6" })).toEqual({ MALLOC_ARENA_MAX: "2", DARKFLIGHT_WEB_RENDERS: "6" });
    for (const bad of ["", "0", "two", "1.5", "-3"]) {
      expect(() => webProcessEnv({ DARKFLIGHT_WEB_RENDERS: bad }), bad).toThrow(/DARKFLIGHT_WEB_RENDERS/);
    }
  });
});
