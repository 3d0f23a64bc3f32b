import { isoUtc } from "../format/format-utc";
import { capitalise } from "../format/plain-words";
import type { AlertEvent } from "./alert-event";
import { alertRuleLabel, type WebhookFormat } from "./alert-rule";

/** Slack: a section block's text holds at most 3,000 characters. */
export const SLACK_TEXT_MAX = 3000;
/** Discord: a message's content holds at most 2,000 characters. */
export const DISCORD_CONTENT_MAX = 2000;
/** Mattermost: 4,000 characters, the post limit of older servers (newer ones allow 16,383). */
export const MATTERMOST_TEXT_MAX = 4000;

const LINK_LABEL = "Open flight";

/**
 * The body to POST to a webhook for one alert. The summary is plain text, so every chat format
 * escapes it: an odd callsign, tag or zone name can neither format the message, forge a link nor
 * mention anyone. Texts are cut to the service's limit at a character boundary, never inside an
 * escape or the link.
 * @example webhookPayload(event, "slack") // { text: "*Went dark:* CU-T1250 … <https://…|Open flight>", blocks: [...] }
 */
export function webhookPayload(event: AlertEvent, format: WebhookFormat): Record<string, unknown> {
  const label = capitalise(alertRuleLabel(event.rule));
  switch (format) {
    case "json":
      return {
        rule: event.rule,
        icao24: event.icao24,
        registration: event.registration,
        callsign: event.callsign,
        typecode: event.typecode,
        summary: event.summary,
        at: isoUtc(event.atMs),
        url: event.url,
        flightId: event.flightId,
        dedupeKey: event.dedupeKey,
      };
    case "slack": {
      const link = event.url === null ? "" : ` <${slackUrl(event.url)}|${LINK_LABEL}>`;
      const text = compose(`*${escapeSlack(label)}:* `, event.summary, escapeSlack, link, SLACK_TEXT_MAX);
      return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
    }
    case "discord": {
      const link = event.url === null ? "" : `\n[${LINK_LABEL}](${markdownUrl(event.url)})`;
      const content = compose(`**${escapeMarkdown(label)}:** `, event.summary, (s) => escapeMarkdown(s), link, DISCORD_CONTENT_MAX);
      return { content, allowed_mentions: { parse: [] } };
    }
    case "mattermost": {
      const link = event.url === null ? "" : `\n[${LINK_LABEL}](${markdownUrl(event.url)})`;
      const text = compose(`**${escapeMarkdown(label)}:** `, event.summary, (s) => escapeMarkdown(s, { mentions: true }), link, MATTERMOST_TEXT_MAX);
      return { text, username: "darkflight" };
    }
  }
}

/**
 * Slack's three control characters as entities (its formatting guide: only these).
 * @example escapeSlack("<!channel> & co") // "&lt;!channel&gt; &amp; co"
 */
export function escapeSlack(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Backslash-escape the punctuation Discord and Mattermost read as markdown. With `mentions`,
 * a word joiner after each "@" stops Mattermost's @channel / @user mentions (Discord has
 * allowed_mentions for that).
 * @example escapeMarkdown("[x](y) *b*") // "\\[x\\]\\(y\\) \\*b\\*"
 */
export function escapeMarkdown(text: string, options: { mentions?: boolean } = {}): string {
  const escaped = text.replace(/[\\*_~`|[\]()<>#]/g, (c) => `\\${c}`);
  return options.mentions ? escaped.replaceAll("@", "@\u2060") : escaped;
}

/**
 * Cut plain text to at most `max` UTF-16 units, at a code point boundary, ending in "…".
 * @example truncateText("abcdef", 4) // "abc…"
 */
export function truncateText(text: string, max: number): string {
  return fitEscaped(text, (s) => s, max);
}

/** head + escaped summary + tail within `max`; the summary is what gives way (then the link, if even the heading does not fit with it). */
function compose(head: string, summary: string, escape: (s: string) => string, tail: string, max: number): string {
  const room = max - head.length - tail.length;
  if (room < 1) return head + fitEscaped(summary, escape, max - head.length);
  return head + fitEscaped(summary, escape, room) + tail;
}

/** The longest prefix of `raw` (whole code points, then "…") whose escaped form fits `max`; escaping after cutting never leaves half an entity. */
function fitEscaped(raw: string, escape: (s: string) => string, max: number): string {
  if (escape(raw).length <= max) return escape(raw);
  const points = Array.from(raw);
  const cut = (n: number) => escape(`${points.slice(0, n).join("").trimEnd()}…`);
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (cut(mid).length <= max) lo = mid;
    else hi = mid - 1;
  }
  const out = cut(lo);
  return out.length <= max ? out : "";
}

/** A URL safe inside <url|label>: the characters that would end the link percent-encoded, "&" as Slack's entity. */
function slackUrl(url: string): string {
  return escapeSlack(percentEncode(url, /[|<> ]/g));
}

/** A URL safe as a markdown link target: parentheses, spaces and angle brackets percent-encoded. */
function markdownUrl(url: string): string {
  return percentEncode(url, /[()<> ]/g);
}

const percentEncode = (url: string, chars: RegExp) => url.replace(chars, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
