import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { OverviewMap } from "@/app/_components/map/overview-map";
import type { OverviewMapData, OverviewTrackData } from "@/lib/core/map/map-data";

function track(key: string, path: string): OverviewTrackData {
  return { key, href: `/flights/${key}`, label: key, flagLabels: ["gap"], description: `${key} — gap`, path, gaps: [{ path: "M1,1l2,2", suspected: true, openAt: null }] };
}

const MAP: OverviewMapData = {
  widthPx: 960,
  heightPx: 600,
  landPath: "M0,0l10,0 0,10Z",
  zones: [],
  airports: [],
  tracks: [track("a-1", "M100,100l.2,0 .2-.1 .2,0"), track("b-2", "M200,200l.3,.1 .3,0")],
  receptionCells: [],
};

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("OverviewMap markup", () => {
  const html = renderToStaticMarkup(createElement(OverviewMap, { map: MAP }));

  it("sends each track's path data once: the hit area reuses it", () => {
    for (const t of MAP.tracks) expect(count(html, `d="${t.path}"`)).toBe(1);
    // One drawn track per flight, still found by test id and key.
    expect(count(html, 'data-testid="map-track"')).toBe(2);
    expect(html).toMatch(/<path id="[^"]+" d="M100,100[^"]*"[^>]*data-testid="map-track" data-key="a-1"/);
  });

  it("draws the hit area as a <use> of the track's own path, under it and inside its link", () => {
    for (const t of MAP.tracks) {
      const link = html.slice(html.indexOf(`<a href="${t.href}"`), html.indexOf("</a>", html.indexOf(`<a href="${t.href}"`)));
      const id = /<path id="([^"]+)" d="/.exec(link)?.[1];
      expect(id).toBeTruthy();
      const use = new RegExp(`<use href="#${id!.replace(/[^\w-]/g, "\\$&")}" class="([^"]*)"`).exec(link);
      expect(use?.[1]).toMatch(/hit/);
      expect(link.indexOf("<use")).toBeLessThan(link.indexOf(`<path id="${id}"`));
      // The referenced path has no class or stroke of its own, so the clone takes the hit style.
      expect(/<path id="[^"]+" d="[^"]*" vector-effect="non-scaling-stroke" data-testid/.test(link)).toBe(true);
    }
    const ids = [...html.matchAll(/<path id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(MAP.tracks.length);
  });

  it("keeps the link's accessible name, the gaps and the track look", () => {
    expect(html).toContain('aria-label="a-1 — gap. Open the flight."');
    expect(count(html, 'data-testid="map-gap"')).toBe(2);
    expect(html).toMatch(/<g class="[^"]*track[^"]*"><path id=/);
  });
});
