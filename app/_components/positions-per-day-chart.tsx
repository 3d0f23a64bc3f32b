"use client";

import type { DailyCount } from "@/lib/core/charts/positions-per-day-series";
import { StackedBarPlot } from "./charts/stacked-bar-plot";

/** Bars of positions per UTC day; the series arrives shaped by the core. */
export function PositionsPerDayChart({ series }: { series: DailyCount[] }) {
  return (
    <figure className="chart-box" data-testid="positions-per-day-chart" aria-label="Bar chart of positions per UTC day">
      <StackedBarPlot label="Positions per UTC day" data={series} xKey="day" xLabel="Day (UTC)" yLabel="Positions" bars={[{ dataKey: "positions", name: "Positions per day", fill: "#1f5fa8" }]} />
    </figure>
  );
}
