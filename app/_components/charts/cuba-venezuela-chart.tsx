"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ScheduledWeek } from "@/lib/core/charts/cuba-venezuela-scheduled-series";
import { ChartFigure } from "./chart-figure";
import { CHART_COLOURS } from "./palette";

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
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={series} margin={{ top: 8, right: 16, bottom: 32, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={CHART_COLOURS.grid} />
            <XAxis dataKey="weekStart" label={{ value: "Week starting (UTC)", position: "insideBottom", offset: -20 }} />
            <YAxis allowDecimals={false} label={{ value: "Flights", angle: -90, position: "insideLeft", offset: -4 }} />
            <Tooltip />
            <Legend verticalAlign="top" />
            <Bar dataKey="scheduled" name="Scheduled" stackId="flights" fill={CHART_COLOURS.scheduled} isAnimationActive={false} />
            <Bar dataKey="unscheduled" name="Unscheduled" stackId="flights" fill={CHART_COLOURS.unscheduled} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
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
