import { describe, expect, it } from "vitest";
import type { AlertEvent } from "@/lib/core/alerts/alert-event";
import { DISCORD_CONTENT_MAX, MATTERMOST_TEXT_MAX, SLACK_TEXT_MAX, escapeMarkdown, escapeSlack, truncateText, webhookPayload } from "@/lib/core/alerts/webhook-payload";

const event: AlertEvent = {
  rule: "dark",
  icao24: "0b04e2",
  registration: "CU-T1250",
  callsign: "CUB1234",
  typecode: "IL96",
  summary: "CU-T1250 (IL96, callsign CUB1234) went silent at FL330 over the Caribbean Sea 6 min ago (20:14 UTC)",
  atMs: Date.UTC(2024, 7, 1, 20, 20, 30, 250),
  flightId: "f-42",
  url: "https://darkflight.example/flights/f-42",
  dedupeKey: "dark:0b04e2:1722543240000",
};
const hostile: AlertEvent = { ...event, rule: "seen", summary: "tag <!channel> & @here [click](https://evil.example) *bold* _x_ @all", url: null };

describe("json", () => {
  it("carries every field, the time as ISO UTC", () => {
    expect(webhookPayload(event, "json")).toEqual({
      rule: "dark",
      icao24: "0b04e2",
      registration: "CU-T1250",
      callsign: "CUB1234",
      typecode: "IL96",
      summary: event.summary,
      at: "2024-08-01T20:20:30.250Z",
      url: "https://darkflight.example/flights/f-42",
      flightId: "f-42",
      dedupeKey: "dark:0b04e2:1722543240000",
    });
  });

  it("keeps unknowns as null rather than dropping them", () => {
    const p = webhookPayload({ ...event, registration: null, callsign: null, typecode: null, url: null, flightId: null }, "json");
    for (const key of ["registration", "callsign", "typecode", "url", "flightId"]) expect(p).toHaveProperty(key, null);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

describe("slack", () => {
  it("sends text with the rule, the summary and a Slack link, repeated in one mrkdwn section", () => {
    const p = webhookPayload(event, "slack");
    expect(p.text).toBe(`*Went dark:* ${event.summary} <https://darkflight.example/flights/f-42|Open flight>`);
    expect(p.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: p.text } }]);
  });

  it("escapes &, < and > so the summary cannot mention @channel or forge a link", () => {
    const text = webhookPayload(hostile, "slack").text as string;
    expect(text).toContain("tag &lt;!channel&gt; &amp; @here");
    expect(text).not.toMatch(/<!channel>|<https?:/);
    expect(escapeSlack("a&b<c>d")).toBe("a&amp;b&lt;c&gt;d");
  });

  it("keeps the link whole when the URL holds characters that would end it", () => {
    const text = webhookPayload({ ...event, url: "https://d.example/f?a=1&b=x|y>z" }, "slack").text as string;
    expect(text.endsWith("<https://d.example/f?a=1&amp;b=x%7Cy%3Ez|Open flight>")).toBe(true);
  });

  it("stays within a section's 3,000 characters without cutting an entity or the link", () => {
    const text = webhookPayload({ ...event, summary: "&".repeat(5000) }, "slack").text as string;
    expect(text.length).toBeLessThanOrEqual(SLACK_TEXT_MAX);
    expect(text).toMatch(/^\*Went dark:\* (&amp;)+… <https:\/\/darkflight\.example\/flights\/f-42\|Open flight>$/);
  });
});

describe("discord", () => {
  it("sends content with a markdown link and no mentions allowed", () => {
    const p = webhookPayload(event, "discord");
    expect(p).toEqual({
      content: `**Went dark:** CU-T1250 \\(IL96, callsign CUB1234\\) went silent at FL330 over the Caribbean Sea 6 min ago \\(20:14 UTC\\)\n[Open flight](https://darkflight.example/flights/f-42)`,
      allowed_mentions: { parse: [] },
    });
  });

  it("escapes markdown so a summary cannot forge a link or format text", () => {
    const content = webhookPayload(hostile, "discord").content as string;
    expect(content).toContain("\\[click\\]\\(https://evil.example\\) \\*bold\\* \\_x\\_");
    expect(content).not.toContain("Open flight");
  });

  it("cuts to 2,000 characters at a code point, keeping the link", () => {
    const content = webhookPayload({ ...event, summary: "✈️🛩".repeat(1500) }, "discord").content as string;
    expect(content.length).toBeLessThanOrEqual(DISCORD_CONTENT_MAX);
    expect(content.endsWith("…\n[Open flight](https://darkflight.example/flights/f-42)")).toBe(true);
    expect(content).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
  });

  it("never ends a cut summary in a dangling backslash", () => {
    const content = webhookPayload({ ...event, summary: "*".repeat(3000), url: null }, "discord").content as string;
    expect(content.length).toBeLessThanOrEqual(DISCORD_CONTENT_MAX);
    expect(content).toMatch(/^\*\*Went dark:\*\* (\\\*)+…$/);
  });

  it("percent-encodes parentheses in the link target", () => {
    const content = webhookPayload({ ...event, url: "https://d.example/f_(1)" }, "discord").content as string;
    expect(content.endsWith("[Open flight](https://d.example/f_%281%29)")).toBe(true);
  });
});

describe("mattermost", () => {
  it("sends markdown text with a link, as darkflight", () => {
    expect(webhookPayload({ ...event, rule: "cuba-venezuela", summary: "Flying MUHA → SVMI" }, "mattermost")).toEqual({
      text: "**New Cuba–Venezuela flight:** Flying MUHA → SVMI\n[Open flight](https://darkflight.example/flights/f-42)",
      username: "darkflight",
    });
  });

  it("defuses @channel / @all / @here mentions and markdown", () => {
    const text = webhookPayload(hostile, "mattermost").text as string;
    expect(text).not.toMatch(/@(here|all|channel)/);
    expect(text).toContain("@\u2060here");
    expect(text).toContain("\\[click\\]");
  });

  it("stays within the post limit", () => {
    const text = webhookPayload({ ...event, summary: "x".repeat(10_000) }, "mattermost").text as string;
    expect(text.length).toBeLessThanOrEqual(MATTERMOST_TEXT_MAX);
    expect(text).toContain("[Open flight]");
  });
});

describe("helpers", () => {
  it("truncateText leaves short text alone and ends a cut with an ellipsis", () => {
    expect(truncateText("abc", 3)).toBe("abc");
    expect(truncateText("abcdef", 4)).toBe("abc…");
    expect(truncateText("ab  cdef", 4)).toBe("ab…");
    expect(truncateText("🛩🛩🛩", 4)).toBe("🛩…");
  });

  it("escapeMarkdown escapes backslashes too, so an escape cannot be undone", () => {
    expect(escapeMarkdown("\\*")).toBe("\\\\\\*");
    expect(escapeMarkdown("@here")).toBe("@here");
    expect(escapeMarkdown("@here", { mentions: true })).toBe("@\u2060here");
  });
});
