"use client";

import type { FlaggedFlightsPerWeek } from "@/lib/core/charts/flagged-flights-per-week";
import { ChartFigure } from "./chart-figure";
import { colourForType } from "./palette";
import { StackedBarPlot } from "./stacked-bar-plot";

export interface FlaggedPerWeekChartProps {
  series: FlaggedFlightsPerWeek;
  title?: string;
}

/** Flagged flights per ISO week, stacked by aircraft type; the series comes from flaggedFlightsPerWeek. */
export function FlaggedPerWeekChart({ series, title = "Flagged flights per week, by aircraft type" }: FlaggedPerWeekChartProps) {
  const { types, weeks } = series;
  return (
    <ChartFigure
      testId="chart-flagged-per-week"
      title={title}
      isEmpty={weeks.length === 0}
      emptyText="No flagged flights in this period."
      tableSummary="Table of flagged flights per week"
      plot={
        <StackedBarPlot
          label={title}
          data={weeks}
          xKey="weekStart"
          xLabel="Week starting (UTC)"
          yLabel="Flights"
          bars={types.map((type, i) => ({ dataKey: type, name: type, fill: colourForType(type, i) }))}
        />
      }
      table={
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Week starting (UTC)</th>
              {types.map((type) => (
                <th key={type} scope="col" className="num">
                  {type}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => {
              const counts = types.map((type) => Number(week[type] ?? 0));
              return (
                <tr key={week.weekStart}>
                  <th scope="row">{week.weekStart}</th>
                  {counts.map((n, i) => (
                    <td key={types[i]} className="num">
                      {n}
                    </td>
                  ))}
                  <td className="num">{counts.reduce((s, n) => s + n, 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    />
  );
}
