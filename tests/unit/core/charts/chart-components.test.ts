import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FlaggedPerWeekChart } from "@/app/_components/charts/flagged-per-week-chart";
import { CubaVenezuelaChart } from "@/app/_components/charts/cuba-venezuela-chart";
import { GapHistogramChart } from "@/app/_components/charts/gap-histogram-chart";
import { FlightProfileChart } from "@/app/_components/charts/flight-profile-chart";
import { flaggedFlightsPerWeek } from "@/lib/core/charts/flagged-flights-per-week";
import { cubaVenezuelaScheduledSeries } from "@/lib/core/charts/cuba-venezuela-scheduled-series";
import { gapDurationHistogram } from "@/lib/core/charts/gap-duration-histogram";

// The chart components only draw; what matters without JS is the server-rendered HTML:
// figure + caption, the table alternative, or the empty state.
const T = Date.UTC(2024, 7, 6, 14);

describe("chart components (server-rendered HTML)", () => {
  it("renders the flagged-per-week table without JS", () => {
    const html = renderToStaticMarkup(createElement(FlaggedPerWeekChart, { series: flaggedFlightsPerWeek([{ firstSeenMs: T, typecode: "IL76" }]) }));
    expect(html).toContain('data-testid="chart-flagged-per-week"');
    expect(html).toContain("Flagged flights per week, by aircraft type");
    expect(html).toMatch(/<details><summary>Table[^<]*<\/summary>.*<table class="data">.*IL76.*2024-08-05/);
  });

  it("shows an empty state instead of a chart", () => {
    const html = renderToStaticMarkup(createElement(CubaVenezuelaChart, { series: cubaVenezuelaScheduledSeries([]) }));
    expect(html).toContain('data-testid="chart-cuba-venezuela"');
    expect(html).toContain('<p class="empty">');
    expect(html).not.toContain("<table");
  });

  it("names plain gaps and suspected switch-offs distinctly in the histogram table", () => {
    const html = renderToStaticMarkup(createElement(GapHistogramChart, { bins: gapDurationHistogram([{ durationS: 1800, suspected: true }]) }));
    expect(html).toContain("gap (no coverage evidence)");
    expect(html).toContain("suspected switch-off");
  });

  it("lists gap intervals and sampled positions for the profile", () => {
    const profile = {
      points: [
        { timeMs: T, altitudeFt: 30_000, groundSpeedKt: 450 },
        { timeMs: T + 30 * 60_000, altitudeFt: null, groundSpeedKt: null },
        { timeMs: T + 60 * 60_000, altitudeFt: 31_000, groundSpeedKt: 440 },
      ],
      gapBands: [
        { startMs: T + 10 * 60_000, endMs: T + 50 * 60_000, suspected: true, minutes: 40, open: false },
        { startMs: T + 60 * 60_000, endMs: T + 60 * 60_000, suspected: false, minutes: 360, open: true },
      ],
    };
    const html = renderToStaticMarkup(createElement(FlightProfileChart, { profile }));
    expect(html).toContain('data-testid="chart-flight-profile"');
    expect(html).toContain("2024-08-06 14:10:00 UTC");
    expect(html).toContain("suspected switch-off");
    // Two positions, the null marker is not a table row.
    expect(html.match(/<td class="num">—<\/td>/g)).toBeNull();
    expect(html).toContain("31,000");
    // A gap never closed is not a zero-length interval: it says so, and lasted at least its minutes.
    expect(html).toContain("<td>not heard again</td><td class=\"num\">≥ 360</td>");
    expect(html).toContain("2024-08-06 14:50:00 UTC</td><td class=\"num\">40</td>");
  });
});
