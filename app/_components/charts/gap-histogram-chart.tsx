"use client";

import type { GapDurationBin } from "@/lib/core/charts/gap-duration-histogram";
import { ChartFigure } from "./chart-figure";
import { CHART_COLOURS } from "./palette";
import { StackedBarPlot } from "./stacked-bar-plot";
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
        <StackedBarPlot
          label={title}
          data={bins}
          xKey="bin"
          xLabel="Gap duration (min)"
          yLabel="Gaps"
          bars={[
            { dataKey: "gap", name: GAP_SERIES_NAME, fill: CHART_COLOURS.gap },
            { dataKey: "suspectedSwitchOff", name: SUSPECTED_SWITCH_OFF_SERIES_NAME, fill: CHART_COLOURS.suspectedSwitchOff },
          ]}
        />
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
