import { describe, expect, it } from "vitest";
import { isCliCommandLine } from "@/lib/infra/cli-node-args";

describe("isCliCommandLine", () => {
  it("knows darkflight's CLI from the bundle and from tsx, and the command it runs", () => {
    const bundled = "node --max-old-space-size=256 --conditions=react-server lib/cli/launch.mjs worker";
    const tsx = "node --conditions=react-server --import tsx lib/cli/main.ts start";
    expect(isCliCommandLine(bundled)).toBe(true);
    expect(isCliCommandLine(bundled, "worker")).toBe(true);
    expect(isCliCommandLine(tsx)).toBe(true);
    expect(isCliCommandLine(tsx, "start")).toBe(true);
    expect(isCliCommandLine(tsx, "worker")).toBe(false);
    expect(isCliCommandLine("node lib/cli/launch.mjs workers", "worker")).toBe(false);
    expect(isCliCommandLine("next-server (v16.4.6)")).toBe(false);
    expect(isCliCommandLine("node other/launch.mjs worker", "worker")).toBe(false);
  });
});
