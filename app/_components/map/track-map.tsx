"use client";

import type { TrackGapData, TrackMapData } from "@/lib/core/map/map-data";
import { RECEPTION_STEPS, UNKNOWN_RECEPTION_COLOUR, type ReceptionCellData } from "@/lib/core/map/reception-layer";
import { MapFrame, useMapFrame } from "./map-frame";
import { MapLegend, type LegendItem } from "./map-legend";
import { ZoneLayer } from "./zone-layer";
import styles from "./map.module.css";

export interface TrackMapProps {
  /** From `projectTrackMap` on the server. */
  map: TrackMapData;
  title?: string;
}

const FIXED_LEGEND: LegendItem[] = [
  { label: "gap (no coverage evidence)", shape: "dash", colour: "var(--map-gap)" },
  { label: "suspected switch-off", shape: "dash", colour: "var(--map-suspected)" },
  { label: "ADS-B lost", shape: "ring", colour: "var(--map-gap)" },
  { label: "ADS-B back", shape: "dot", colour: "var(--map-gap)" },
  { label: "great-circle route", shape: "dots", colour: "var(--map-route)" },
  { label: "origin / destination", shape: "square", colour: "var(--map-route)" },
  { label: "watched zone", shape: "area", colour: "var(--map-watched)" },
];

function Gap({ gap }: { gap: TrackGapData }) {
  const { tipProps, unit } = useMapFrame();
  const colour = gap.suspected ? "var(--map-suspected)" : "var(--map-gap)";
  const r = 5.5 * unit;
  return (
    <g>
      {gap.path && (
        <path
          d={gap.path}
          className={`${styles.line} ${gap.suspected ? styles.gapSuspected : styles.gap}`}
          vectorEffect="non-scaling-stroke"
          data-testid="map-gap"
          data-suspected={String(gap.suspected)}
        />
      )}
      {/* Markers take keyboard focus so their tooltip (time, altitude, length) is reachable without a mouse. */}
      <circle
        cx={gap.off.xPx}
        cy={gap.off.yPx}
        r={r}
        className={`${styles.marker} ${styles.markerOff}`}
        stroke={colour}
        vectorEffect="non-scaling-stroke"
        tabIndex={0}
        role="img"
        aria-label={gap.off.label}
        data-testid="gap-off"
        data-suspected={String(gap.suspected)}
        {...tipProps(gap.off.label)}
      />
      {gap.on && (
        <circle
          cx={gap.on.xPx}
          cy={gap.on.yPx}
          r={r}
          className={styles.marker}
          fill={colour}
          stroke="#fff"
          vectorEffect="non-scaling-stroke"
          tabIndex={0}
          role="img"
          aria-label={gap.on.label}
          data-testid="gap-on"
          data-suspected={String(gap.suspected)}
          {...tipProps(gap.on.label)}
        />
      )}
    </g>
  );
}

/**
 * The reception map's cells along the silences: faint fills under the track, each with its figure
 * as a tooltip. Not tab stops (hundreds on an overview): the gap's evidence states the same figures.
 */
export function ReceptionCells({ cells }: { cells: readonly ReceptionCellData[] }) {
  const { tipProps } = useMapFrame();
  return (
    <g data-testid="reception-layer">
      {cells.map((c, i) => (
        <path
          key={i}
          d={c.path}
          fill={c.colour}
          fillOpacity={0.45}
          stroke={c.colour}
          strokeOpacity={0.8}
          vectorEffect="non-scaling-stroke"
          role="img"
          aria-label={c.label}
          data-testid="reception-cell"
          data-rate={c.rate === null ? "unknown" : String(c.rate)}
          {...tipProps(c.label)}
        />
      ))}
    </g>
  );
}

/** Legend entries for the reception cells: the five steps and "unknown". */
export const RECEPTION_LEGEND: LegendItem[] = [
  ...RECEPTION_STEPS.map((s): LegendItem => ({ label: `reception: ${s.label}`, shape: "area", colour: s.colour })),
  { label: "reception unknown (nobody ever received there)", shape: "area", colour: UNKNOWN_RECEPTION_COLOUR },
];

function Endpoints({ endpoints }: { endpoints: TrackMapData["endpoints"] }) {
  const { tipProps, unit } = useMapFrame();
  const side = 9 * unit;
  return (
    <g>
      {endpoints.map((e) => (
        <g key={e.role}>
          <rect
            x={e.xPx - side / 2}
            y={e.yPx - side / 2}
            width={side}
            height={side}
            className={styles.endpoint}
            vectorEffect="non-scaling-stroke"
            tabIndex={0}
            role="img"
            aria-label={e.label}
            data-testid={`map-${e.role}`}
            {...tipProps(e.label)}
          />
          {e.icao && (
            <text x={e.xPx + 7 * unit} y={e.yPx - 6 * unit} fontSize={12 * unit} strokeWidth={3 * unit} className={styles.airportLabel}>
              {e.icao}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}

/**
 * One flight: observed track coloured by altitude band and split at gaps, gaps as dashed great
 * circles with "ADS-B lost" (ring) and "ADS-B back" (dot) markers, the great-circle route between
 * origin and destination, the watched zones, and the reception measured in the cells along the
 * silences. Drawing only: the server projected everything
 * (`projectTrackMap`).
 */
export function TrackMap({ map, title = "Track of the flight" }: TrackMapProps) {
  const legend: LegendItem[] = [
    ...map.legendBands.map((b): LegendItem => ({ label: `observed track, ${b.label}`, shape: "line", colour: b.colour })),
    ...FIXED_LEGEND,
    ...(map.receptionCells.length > 0 ? RECEPTION_LEGEND : []),
  ];
  return (
    <MapFrame
      testId="track-map"
      title={title}
      widthPx={map.widthPx}
      heightPx={map.heightPx}
      footer={
        <>
          {map.segments.length === 0 && <p className={styles.note}>No positions to draw for this flight.</p>}
          <MapLegend label="Map legend" items={legend} />
          <p className={styles.hint}>Scroll or pinch to zoom, drag to pan; Tab to a marker for its time, altitude and gap length.</p>
        </>
      }
    >
      <path d={map.landPath} className={styles.land} vectorEffect="non-scaling-stroke" />
      <ZoneLayer zones={map.zones} />
      <ReceptionCells cells={map.receptionCells} />
      {map.routePath && <path d={map.routePath} className={`${styles.line} ${styles.route}`} vectorEffect="non-scaling-stroke" data-testid="map-route" />}
      <g>
        {map.segments.map((s, i) => (
          <path
            key={i}
            d={s.path}
            className={`${styles.line} ${styles.segment}`}
            stroke={s.colour}
            vectorEffect="non-scaling-stroke"
            data-testid="map-track-segment"
            data-band={s.bandId}
          />
        ))}
      </g>
      <g>
        {map.gaps.map((g, i) => (
          <Gap key={i} gap={g} />
        ))}
      </g>
      <Endpoints endpoints={map.endpoints} />
    </MapFrame>
  );
}
