"use client";

import type { ProjectedZone } from "@/lib/core/map/map-data";
import { useMapFrame } from "./map-frame";
import styles from "./map.module.css";

/** FIR and zone outlines with their codes; the watched ones (drawn last) stand out. */
export function ZoneLayer({ zones }: { zones: readonly ProjectedZone[] }) {
  const { unit } = useMapFrame();
  return (
    <g>
      {zones.map((z) => (
        <path key={z.code} d={z.path} className={z.watched ? styles.zoneWatched : styles.zone} vectorEffect="non-scaling-stroke" data-zone={z.code}>
          <title>{z.name}</title>
        </path>
      ))}
      {zones.map((z) => (
        <text
          key={z.code}
          x={z.labelXPx}
          y={z.labelYPx}
          className={z.watched ? styles.zoneLabelWatched : styles.zoneLabel}
          fontSize={(z.watched ? 13 : 10) * unit}
          strokeWidth={3 * unit}
        >
          {z.watched ? `${z.code} · ${z.name}` : z.code}
        </text>
      ))}
    </g>
  );
}
