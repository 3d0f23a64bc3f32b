"use client";

import { useId } from "react";
import type { OverviewMapData, OverviewTrackData } from "@/lib/core/map/map-data";
import { MapFrame, useMapFrame } from "./map-frame";
import { MapLegend, type LegendItem } from "./map-legend";
import { ZoneLayer } from "./zone-layer";
import styles from "./map.module.css";
import { RECEPTION_LEGEND, ReceptionCells } from "./track-map";

export interface OverviewMapProps {
  /** From `projectOverviewMap` on the server. */
  map: OverviewMapData;
  title?: string;
}

const LEGEND: LegendItem[] = [
  { label: "observed track", shape: "line", colour: "var(--map-track)" },
  { label: "gap (no coverage evidence)", shape: "dash", colour: "var(--map-gap)" },
  { label: "suspected switch-off", shape: "dash", colour: "var(--map-suspected)" },
  { label: "watched zone", shape: "area", colour: "var(--map-watched)" },
  { label: "airport", shape: "dot", colour: "var(--map-airport)" },
];

function Track({ track }: { track: OverviewTrackData }) {
  const { tipProps, unit } = useMapFrame();
  const pathId = useId();
  return (
    // Not a tab stop: the list under the map links every flight drawn here (500 tab stops otherwise).
    <a href={track.href} tabIndex={-1} className={styles.trackLink} aria-label={`${track.description}. Open the flight.`} {...tipProps(track.description)}>
      {track.gaps.map((g, i) =>
        g.path ? (
          <path key={i} d={g.path} className={`${styles.line} ${g.suspected ? styles.gapSuspected : styles.gap}`} vectorEffect="non-scaling-stroke" data-testid="map-gap" data-suspected={String(g.suspected)} />
        ) : g.openAt ? (
          <circle
            key={i}
            cx={g.openAt.xPx}
            cy={g.openAt.yPx}
            r={5 * unit}
            className={`${styles.marker} ${styles.markerOff}`}
            stroke={g.suspected ? "var(--map-suspected)" : "var(--map-gap)"}
            vectorEffect="non-scaling-stroke"
            data-testid="gap-off"
          />
        ) : null,
      )}
      {/*
        A wide transparent copy under the line makes a thin track easy to hover and tap. It reuses
        the line's geometry (<use>) instead of repeating its `d`, half the track bytes. The clone
        takes its look from the <use> (inherited), so the drawn path carries no class or style of
        its own: its look comes from the group around it.
      */}
      <use href={`#${pathId}`} className={styles.hit} />
      <g className={`${styles.line} ${styles.track}`}>
        <path id={pathId} d={track.path} vectorEffect="non-scaling-stroke" data-testid="map-track" data-key={track.key} />
      </g>
    </a>
  );
}

function AirportLayer({ airports }: { airports: OverviewMapData["airports"] }) {
  const { tipProps, unit } = useMapFrame();
  return (
    <g>
      {airports.map((a) => {
        const tip = tipProps(`${a.icao} · ${a.name}`);
        return (
          <g key={a.icao} onPointerEnter={tip.onPointerEnter} onPointerMove={tip.onPointerMove} onPointerLeave={tip.onPointerLeave}>
            <circle cx={a.xPx} cy={a.yPx} r={3.5 * unit} className={styles.airport} />
            <text x={a.xPx + 5 * unit} y={a.yPx - 4 * unit} fontSize={11 * unit} strokeWidth={3 * unit} className={styles.airportLabel}>
              {a.icao}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/**
 * The Caribbean with country outlines, FIRs (the watched zone highlighted), airports of interest
 * and the published flagged tracks, each a link to its flight. Drawing only: the server projected
 * everything (`projectOverviewMap`).
 */
export function OverviewMap({ map, title = "Published findings over the Caribbean" }: OverviewMapProps) {
  const empty = map.tracks.length === 0;
  return (
    <MapFrame
      testId="overview-map"
      title={title}
      widthPx={map.widthPx}
      heightPx={map.heightPx}
      footer={
        <>
          {empty && (
            <p className={styles.note} data-testid="overview-map-empty">
              No published findings yet
            </p>
          )}
          <MapLegend label="Map legend" items={map.receptionCells.length > 0 ? [...LEGEND, ...RECEPTION_LEGEND] : LEGEND} />
          <p className={styles.hint}>Scroll or pinch to zoom, drag to pan; select a track to open the flight.</p>
        </>
      }
    >
      <path d={map.landPath} className={styles.land} vectorEffect="non-scaling-stroke" />
      <ZoneLayer zones={map.zones} />
      <ReceptionCells cells={map.receptionCells} />
      <AirportLayer airports={map.airports} />
      <g>
        {map.tracks.map((t) => (
          <Track key={t.key} track={t} />
        ))}
      </g>
    </MapFrame>
  );
}
