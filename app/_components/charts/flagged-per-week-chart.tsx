"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { FlaggedFlightsPerWeek } from "@/lib/core/charts/flagged-flights-per-week";
import { ChartFigure } from "./chart-figure";
import { CHART_COLOURS, colourForType } from "./palette";

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
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={weeks} margin={{ top: 8, right: 16, bottom: 32, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={CHART_COLOURS.grid} />
            <XAxis dataKey="weekStart" label={{ value: "Week starting (UTC)", position: "insideBottom", offset: -20 }} />
            <YAxis allowDecimals={false} label={{ value: "Flights", angle: -90, position: "insideLeft", offset: -4 }} />
            <Tooltip />
            {/* Rank order (as stacked), not Recharts' default alphabetical order. */}
            <Legend verticalAlign="top" itemSorter={(item) => types.indexOf(String(item.dataKey))} />
            {types.map((type, i) => (
              <Bar key={type} dataKey={type} name={type} stackId="flights" fill={colourForType(type, i)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
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
