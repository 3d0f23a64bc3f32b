import styles from "./map.module.css";

/** How a legend entry is drawn: a line, a dashed line, an area, a dot, a ring or a square. */
export type SwatchShape = "line" | "dash" | "dots" | "area" | "dot" | "ring" | "square";

export interface LegendItem {
  label: string;
  shape: SwatchShape;
  /** A CSS colour or var(--map-…) from map.module.css. */
  colour: string;
}

function Swatch({ shape, colour }: { shape: SwatchShape; colour: string }) {
  const line = { stroke: colour, strokeWidth: 3, strokeLinecap: "round" as const };
  return (
    <svg className={styles.swatch} width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
      {shape === "line" && <line x1="2" y1="6" x2="26" y2="6" {...line} />}
      {shape === "dash" && <line x1="2" y1="6" x2="26" y2="6" {...line} strokeLinecap="butt" strokeDasharray="6 4" />}
      {shape === "dots" && <line x1="2" y1="6" x2="26" y2="6" stroke={colour} strokeWidth="1.5" strokeDasharray="2 3" />}
      {shape === "area" && <rect x="2" y="1" width="24" height="10" fill={colour} fillOpacity="0.15" stroke={colour} strokeWidth="2" />}
      {shape === "dot" && <circle cx="14" cy="6" r="3.5" fill={colour} />}
      {shape === "ring" && <circle cx="14" cy="6" r="4" fill="#fff" stroke={colour} strokeWidth="2" />}
      {shape === "square" && <rect x="9.5" y="1.5" width="9" height="9" fill={colour} />}
    </svg>
  );
}

/** The map's key, as an HTML list under the map (readable by screen readers, wraps on a phone). */
export function MapLegend({ items, label }: { items: readonly LegendItem[]; label: string }) {
  return (
    <ul className={styles.legend} aria-label={label}>
      {items.map((item) => (
        <li key={item.label}>
          <Swatch shape={item.shape} colour={item.colour} />
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
