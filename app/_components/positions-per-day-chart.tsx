"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyCount } from "@/lib/core/charts/positions-per-day-series";

/** Bars of positions per UTC day; the series arrives shaped by the core. */
export function PositionsPerDayChart({ series }: { series: DailyCount[] }) {
  return (
    <figure className="chart-box" data-testid="positions-per-day-chart" aria-label="Bar chart of positions per UTC day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={series} margin={{ top: 8, right: 16, bottom: 24, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" label={{ value: "Day (UTC)", position: "insideBottom", offset: -16 }} />
          <YAxis allowDecimals={false} label={{ value: "Positions", angle: -90, position: "insideLeft", offset: -4 }} />
          <Tooltip />
          <Legend verticalAlign="top" />
          <Bar dataKey="positions" name="Positions per day" fill="#1f5fa8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
