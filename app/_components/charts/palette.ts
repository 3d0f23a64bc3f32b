/**
 * Chart colours, shared so a meaning keeps its colour across charts: blue for the ordinary
 * measure, the warning orange (globals.css --warn family) for what is suspicious (unscheduled,
 * suspected switch-off), grey for a plain gap. Every colour has ≥ 3:1 contrast on white
 * (WCAG 1.4.11 for graphics); the orange/blue pair stays distinct for colour-blind readers.
 */
export const CHART_COLOURS = {
  altitude: "#1f5fa8",
  groundSpeed: "#6a3d9a",
  scheduled: "#1f5fa8",
  unscheduled: "#b35900",
  gap: "#6b7785",
  suspectedSwitchOff: "#b35900",
  grid: "#d9dee4",
} as const;

/** Opacity of the gap shading, light enough that the lines stay readable on top of it. */
export const GAP_SHADE_OPACITY = 0.22;

/** Aircraft-type stack colours by rank; orange is left out so it keeps meaning "suspicious". */
const TYPE_COLOURS = ["#1f5fa8", "#00838f", "#2e7d32", "#6a3d9a", "#ad1457", "#795548", "#37474f", "#0d47a1"] as const;
const OTHER_COLOUR = "#4a5866";
const UNKNOWN_COLOUR = "#8a8a8a";

/** Colour of the `index`-th aircraft type of a stacked chart ("other" and "unknown" are fixed greys). */
export function colourForType(type: string, index: number): string {
  if (type === "other") return OTHER_COLOUR;
  if (type === "unknown") return UNKNOWN_COLOUR;
  return TYPE_COLOURS[index % TYPE_COLOURS.length]!;
}
