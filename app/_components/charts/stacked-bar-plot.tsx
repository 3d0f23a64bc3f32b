"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLOURS } from "./palette";

export interface StackedBar {
  dataKey: string;
  name: string;
  fill: string;
}

/**
 * The plot of the overview's bar charts: one stack per x value, the bars in the given order
 * (the legend too, not Recharts' alphabetical one), axis labels with units, no animation.
 * `label` names the plot: Recharts makes it a keyboard stop (role "application", arrow keys move
 * its tooltip), which a screen reader would otherwise announce without a name.
 */
export function StackedBarPlot({ data, xKey, xLabel, yLabel, bars, label }: { data: object[]; xKey: string; xLabel: string; yLabel: string; bars: StackedBar[]; label: string }) {
  const order = bars.map((b) => b.dataKey);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart aria-label={label} data={data} margin={{ top: 8, right: 16, bottom: 32, left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={CHART_COLOURS.grid} />
        <XAxis dataKey={xKey} label={{ value: xLabel, position: "insideBottom", offset: -20 }} />
        <YAxis allowDecimals={false} label={{ value: yLabel, angle: -90, position: "insideLeft", offset: -4 }} />
        <Tooltip />
        <Legend verticalAlign="top" itemSorter={(item) => order.indexOf(String(item.dataKey))} />
        {bars.map((bar) => (
          <Bar key={bar.dataKey} dataKey={bar.dataKey} name={bar.name} stackId="stack" fill={bar.fill} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
