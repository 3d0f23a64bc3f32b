"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { GapDurationBin } from "@/lib/core/charts/gap-duration-histogram";
import { ChartFigure } from "./chart-figure";
import { CHART_COLOURS } from "./palette";
import { GAP_SERIES_NAME, SUSPECTED_SWITCH_OFF_SERIES_NAME } from "./series-names";

export interface GapHistogramChartProps {
  bins: GapDurationBin[];
  title?: string;
}

/** Transponder gaps by duration, plain gaps and suspected switch-offs stacked; bins from gapDurationHistogram. */
export function GapHistogramChart({ bins, title = "Transponder gaps by duration" }: GapHistogramChartProps) {
  return (
    <ChartFigure
      testId="chart-gap-durations"
      title={title}
      isEmpty={bins.length === 0}
      emptyText="No transponder gaps recorded."
      tableSummary="Table of gaps by duration"
      plot={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bins} margin={{ top: 8, right: 16, bottom: 32, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={CHART_COLOURS.grid} />
            <XAxis dataKey="bin" label={{ value: "Gap duration (min)", position: "insideBottom", offset: -20 }} />
            <YAxis allowDecimals={false} label={{ value: "Gaps", angle: -90, position: "insideLeft", offset: -4 }} />
            <Tooltip />
            <Legend verticalAlign="top" />
            <Bar dataKey="gap" name={GAP_SERIES_NAME} stackId="gaps" fill={CHART_COLOURS.gap} isAnimationActive={false} />
            <Bar dataKey="suspectedSwitchOff" name={SUSPECTED_SWITCH_OFF_SERIES_NAME} stackId="gaps" fill={CHART_COLOURS.suspectedSwitchOff} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Duration (min)</th>
              <th scope="col" className="num">{GAP_SERIES_NAME}</th>
              <th scope="col" className="num">{SUSPECTED_SWITCH_OFF_SERIES_NAME}</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.bin}>
                <th scope="row">{b.bin}</th>
                <td className="num">{b.gap}</td>
                <td className="num">{b.suspectedSwitchOff}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
