"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { FlightProfileSeries } from "@/lib/core/charts/flight-profile-series";
import { formatUtcDateTime, formatUtcHhMm } from "@/lib/core/format/format-utc";
import { sampleEvenly } from "@/lib/core/charts/sample-evenly";
import { utcTimeTicksMs } from "@/lib/core/charts/utc-time-ticks";
import { ChartFigure } from "./chart-figure";
import styles from "./charts.module.css";
import { CHART_COLOURS, GAP_SHADE_OPACITY } from "./palette";
import { GAP_SERIES_NAME, SUSPECTED_SWITCH_OFF_SERIES_NAME } from "./series-names";

export interface FlightProfileChartProps {
  profile: FlightProfileSeries;
  title?: string;
}

/** Rows of the point table: enough to read the profile, few enough to scan. */
const TABLE_POINTS = 50;

const bandColour = (suspected: boolean) => (suspected ? CHART_COLOURS.suspectedSwitchOff : CHART_COLOURS.gap);
const bandName = (suspected: boolean) => (suspected ? SUSPECTED_SWITCH_OFF_SERIES_NAME : GAP_SERIES_NAME);
const formatNumber = (n: number | null) => (n === null ? "—" : Math.round(n).toLocaleString("en-US"));

/** Altitude (left axis) and ground speed (right axis) over UTC time, gaps shaded; profile from flightProfileSeries. */
export function FlightProfileChart({ profile, title = "Altitude and ground speed" }: FlightProfileChartProps) {
  const { points, gapBands } = profile;
  // Null-valued markers only break the lines; the table lists real positions.
  const positions = points.filter((p) => p.altitudeFt !== null || p.groundSpeedKt !== null);
  const times = [...points.map((p) => p.timeMs), ...gapBands.flatMap((b) => [b.startMs, b.endMs])];
  const startMs = Math.min(...times);
  const endMs = Math.max(...times);
  // A band is drawn against a y axis: one with data, or it has no domain and the band vanishes.
  const bandAxis = points.some((p) => p.altitudeFt !== null) ? "altitude" : "speed";
  const hasSuspected = gapBands.some((b) => b.suspected);
  const hasPlain = gapBands.some((b) => !b.suspected);

  return (
    <ChartFigure
      testId="chart-flight-profile"
      title={title}
      isEmpty={positions.length === 0}
      emptyText="No positions recorded for this flight."
      tableSummary="Table of gap intervals and sampled positions"
      plot={
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart aria-label={title} data={points} margin={{ top: 8, right: 24, bottom: 32, left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={CHART_COLOURS.grid} />
            <XAxis
              dataKey="timeMs"
              type="number"
              scale="time"
              domain={[startMs, endMs]}
              ticks={utcTimeTicksMs(startMs, endMs)}
              tickFormatter={(ms: number) => formatUtcHhMm(ms)}
              label={{ value: "Time (UTC)", position: "insideBottom", offset: -20 }}
            />
            <YAxis yAxisId="altitude" orientation="left" tickFormatter={(ft: number) => ft.toLocaleString("en-US")} label={{ value: "Altitude (ft)", angle: -90, position: "insideLeft", offset: -12 }} />
            <YAxis yAxisId="speed" orientation="right" label={{ value: "Ground speed (kt)", angle: 90, position: "insideRight", offset: -8 }} />
            <Tooltip labelFormatter={(label) => (typeof label === "number" ? formatUtcDateTime(label) : label)} />
            <Legend verticalAlign="top" />
            {gapBands.map((b) => (
              <ReferenceArea
                key={`${b.startMs}-${b.endMs}`}
                yAxisId={bandAxis}
                x1={b.startMs}
                x2={b.endMs}
                fill={bandColour(b.suspected)}
                fillOpacity={GAP_SHADE_OPACITY}
                ifOverflow="extendDomain"
              />
            ))}
            <Line yAxisId="altitude" dataKey="altitudeFt" name="Altitude (ft)" stroke={CHART_COLOURS.altitude} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            <Line yAxisId="speed" dataKey="groundSpeedKt" name="Ground speed (kt)" stroke={CHART_COLOURS.groundSpeed} strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      }
      keyItems={
        gapBands.length > 0 ? (
          // The Recharts legend lists lines only; this key explains the shading.
          <ul className={styles.key} aria-label="Shaded intervals">
            {hasSuspected && (
              <li>
                <span className={styles.swatch} style={{ background: bandColour(true), opacity: 0.6 }} aria-hidden="true" />
                Shaded: {SUSPECTED_SWITCH_OFF_SERIES_NAME} (coverage says it should have been heard)
              </li>
            )}
            {hasPlain && (
              <li>
                <span className={styles.swatch} style={{ background: bandColour(false), opacity: 0.6 }} aria-hidden="true" />
                Shaded: {GAP_SERIES_NAME}
              </li>
            )}
          </ul>
        ) : null
      }
      table={
        <>
          {gapBands.length > 0 && (
            <table className="data">
              <caption>Gap intervals</caption>
              <thead>
                <tr>
                  <th scope="col">From (UTC)</th>
                  <th scope="col">To (UTC)</th>
                  <th scope="col" className="num">Duration (min)</th>
                  <th scope="col">Kind</th>
                </tr>
              </thead>
              <tbody>
                {gapBands.map((b) => (
                  <tr key={`${b.startMs}-${b.endMs}`}>
                    <td>{formatUtcDateTime(b.startMs)}</td>
                    <td>{b.open ? "not heard again" : formatUtcDateTime(b.endMs)}</td>
                    <td className="num">{b.open ? `≥ ${b.minutes}` : b.minutes}</td>
                    <td>{bandName(b.suspected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <table className="data">
            <caption>Positions (sample of at most {TABLE_POINTS})</caption>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col" className="num">Altitude (ft)</th>
                <th scope="col" className="num">Ground speed (kt)</th>
              </tr>
            </thead>
            <tbody>
              {sampleEvenly(positions, TABLE_POINTS).map((p) => (
                <tr key={p.timeMs}>
                  <td>{formatUtcDateTime(p.timeMs)}</td>
                  <td className="num">{formatNumber(p.altitudeFt)}</td>
                  <td className="num">{formatNumber(p.groundSpeedKt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      }
    />
  );
}
