import type { FlagRecord } from "../flight-record";
import { transponderGapEvidenceSchema } from "../model/evidence/transponder-gap-evidence";
import { gridCellBounds } from "../reception/grid-cell";
import { DEFAULT_RECEPTION_CONFIG } from "../model/reception-config";
import type { FittedMap } from "./fit-mercator";

/** One reception-map cell to draw: where, and the reception measured there (null: never crossed, unknown). */
export interface ReceptionCellInput {
  cell: number;
  cellDeg: number;
  receptionRate: number | null;
  /** Tooltip: what the number means. */
  label: string;
}

/** A projected reception cell, for the client to fill. */
export interface ReceptionCellData {
  path: string;
  colour: string;
  label: string;
  rate: number | null;
}

/** Five steps from "nothing received" to "everything received"; unknown cells are grey. */
export const RECEPTION_STEPS: readonly { upTo: number; colour: string; label: string }[] = [
  { upTo: 0.05, colour: "#b2182b", label: "under 5 % received" },
  { upTo: 0.3, colour: "#ef8a62", label: "5–30 %" },
  { upTo: 0.6, colour: "#fddbc7", label: "30–60 %" },
  { upTo: 0.9, colour: "#92c5de", label: "60–90 %" },
  { upTo: Infinity, colour: "#2166ac", label: "90 % or more" },
];
export const UNKNOWN_RECEPTION_COLOUR = "#bdbdbd";

/** @example receptionColour(0.95) // "#2166ac" */
export function receptionColour(rate: number | null): string {
  if (rate === null) return UNKNOWN_RECEPTION_COLOUR;
  return RECEPTION_STEPS.find((s) => rate < s.upTo)?.colour ?? RECEPTION_STEPS[RECEPTION_STEPS.length - 1]!.colour;
}

/**
 * The cells along a flight's silences with the reception the map measured there at each
 * silence's altitude band, from the gap flags' evidence (what the grading itself read). A cell
 * crossed by two silences keeps the first one's figure.
 */
export function receptionCellsOfFlags(flags: readonly FlagRecord[]): ReceptionCellInput[] {
  const out = new Map<number, ReceptionCellInput>();
  for (const flag of flags) {
    if (flag.kind !== "TRANSPONDER_GAP") continue;
    const parsed = transponderGapEvidenceSchema.safeParse(flag.evidence);
    if (!parsed.success) continue;
    const reception = flag.config.reception as { cellDeg?: unknown } | undefined;
    const cellDeg = typeof reception?.cellDeg === "number" ? reception.cellDeg : DEFAULT_RECEPTION_CONFIG.cellDeg;
    for (const c of parsed.data.pathCells) {
      if (out.has(c.cell)) continue;
      const rate = c.receptionRate;
      const label = rate === null ? "reception unknown here: no aircraft ever received" : `${Math.round(rate * 100)} % of the positions expected here were received (${parsed.data.historyDays} days around the silence)`;
      out.set(c.cell, { cell: c.cell, cellDeg, receptionRate: rate, label });
    }
  }
  return [...out.values()];
}

/** Cells as projected SVG paths (cells outside the frame are dropped by the clipping). */
export function projectReceptionCells(cells: readonly ReceptionCellInput[], fitted: FittedMap): ReceptionCellData[] {
  return cells.flatMap((c) => {
    const b = gridCellBounds(c.cell, c.cellDeg);
    // Clockwise: d3-geo reads rings on the sphere, and a counter-clockwise ring is everything but the cell.
    const ring = [[b.west, b.south], [b.west, b.north], [b.east, b.north], [b.east, b.south], [b.west, b.south]];
    const path = fitted.path({ type: "Polygon", coordinates: [ring] });
    return path ? [{ path, colour: receptionColour(c.receptionRate), label: c.label, rate: c.receptionRate }] : [];
  });
}
