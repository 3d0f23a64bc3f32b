import type { GeoContext } from "d3-geo";

/** A coordinate in tenths of a px written short: "12.3", ".2", "-.1", "4". */
function tenths(n: number): string {
  const s = String(n / 10);
  return s.startsWith("0.") ? s.slice(1) : s.startsWith("-0.") ? `-${s.slice(2)}` : s;
}

/** Two numbers of a command's arguments: the comma can go when the second starts with "-". */
function pair(a: number, b: number): string {
  const y = tenths(b);
  return `${tenths(a)}${y.startsWith("-") ? "" : ","}${y}`;
}

/**
 * A d3-geo path context that writes SVG path data to one decimal, like `geoPath().digits(1)`,
 * but each line point relative to the one before ("l.2-.1" instead of "L538.1,478.2"): a dense
 * track or coastline is about half the bytes. Points are rounded to tenths first and the steps
 * taken between the rounded points, so the drawn shape is exactly the absolute one's (no drift).
 * Every subpath starts with an absolute "M".
 */
export class RelativePathContext implements GeoContext {
  private parts: string[] = [];
  /** The pen, in tenths of a px; the last command written ("l" or other). */
  private x = 0;
  private y = 0;
  private lastCommand = "";

  moveTo(x: number, y: number): void {
    this.x = Math.round(x * 10);
    this.y = Math.round(y * 10);
    this.parts.push(`M${pair(this.x, this.y)}`);
    this.lastCommand = "M";
  }

  lineTo(x: number, y: number): void {
    const nx = Math.round(x * 10);
    const ny = Math.round(y * 10);
    const step = pair(nx - this.x, ny - this.y);
    // After an "l" the next pair needs no letter, only a separator unless it starts with "-".
    this.parts.push(this.lastCommand === "l" ? (step.startsWith("-") ? step : ` ${step}`) : `l${step}`);
    this.x = nx;
    this.y = ny;
    this.lastCommand = "l";
  }

  closePath(): void {
    this.parts.push("Z");
    this.lastCommand = "Z";
  }

  /** d3 draws a Point as a circle; the maps send none through a path, but keep it correct. */
  arc(x: number, y: number, radius: number): void {
    const r = Math.round(radius * 10);
    this.moveTo(x, y);
    this.parts.push(`m0,${tenths(r)}a${tenths(r)},${tenths(r)} 0 1,1 0,${tenths(-2 * r)}a${tenths(r)},${tenths(r)} 0 1,1 0,${tenths(2 * r)}z`);
    this.lastCommand = "a";
  }

  /** Nothing to reset: d3 never calls it when writing paths. */
  beginPath(): void {}

  /** The path written since the last call, or null when nothing was drawn (as d3's string paths). */
  result(): string | null {
    const d = this.parts.join("");
    this.parts = [];
    this.lastCommand = "";
    return d.length > 0 ? d : null;
  }
}
