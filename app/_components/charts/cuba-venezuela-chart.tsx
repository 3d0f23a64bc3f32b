"use client";

import type { ScheduledWeek } from "@/lib/core/charts/cuba-venezuela-scheduled-series";
import { ChartFigure } from "./chart-figure";
import { CHART_COLOURS } from "./palette";
import { StackedBarPlot } from "./stacked-bar-plot";

export interface CubaVenezuelaChartProps {
  series: ScheduledWeek[];
  title?: string;
}

/** Cuba–Venezuela flights per ISO week, scheduled and unscheduled stacked; series from cubaVenezuelaScheduledSeries. */
export function CubaVenezuelaChart({ series, title = "Cuba–Venezuela flights per week, scheduled and unscheduled" }: CubaVenezuelaChartProps) {
  return (
    <ChartFigure
      testId="chart-cuba-venezuela"
      title={title}
      isEmpty={series.length === 0}
      emptyText="No Cuba–Venezuela flights in this period."
      tableSummary="Table of Cuba–Venezuela flights per week"
      plot={
        <StackedBarPlot
          label={title}
          data={series}
          xKey="weekStart"
          xLabel="Week starting (UTC)"
          yLabel="Flights"
          bars={[
            { dataKey: "scheduled", name: "Scheduled", fill: CHART_COLOURS.scheduled },
            { dataKey: "unscheduled", name: "Unscheduled", fill: CHART_COLOURS.unscheduled },
          ]}
        />
      }
      table={
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Week starting (UTC)</th>
              <th scope="col" className="num">Scheduled</th>
              <th scope="col" className="num">Unscheduled</th>
            </tr>
          </thead>
          <tbody>
            {series.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{w.weekStart}</th>
                <td className="num">{w.scheduled}</td>
                <td className="num">{w.unscheduled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
