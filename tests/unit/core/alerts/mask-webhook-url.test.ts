import { describe, expect, it } from "vitest";
import { maskWebhookUrl } from "@/lib/core/alerts/mask-webhook-url";

describe("maskWebhookUrl", () => {
  it("keeps the origin and the last four characters of a secret hook URL", () => {
    expect(maskWebhookUrl("https://hooks.slack.com/services/T000/B000/abcdEFGH")).toBe("https://hooks.slack.com/…EFGH");
    expect(maskWebhookUrl("https://discord.com/api/webhooks/123/tokenXYZW")).toBe("https://discord.com/…XYZW");
  });

  it("never shows the secret path, whatever its length", () => {
    const masked = maskWebhookUrl("https://example.org/hooks/s3cr3t-t0ken-value");
    expect(masked).not.toContain("s3cr3t");
    expect(masked.startsWith("https://example.org/")).toBe(true);
  });

  it("shows a URL with nothing secret after its origin as it is, and nothing of an unparsable one", () => {
    expect(maskWebhookUrl("http://127.0.0.1:9/")).toBe("http://127.0.0.1:9/");
    expect(maskWebhookUrl("not a url with secret")).toBe("…");
  });
});
