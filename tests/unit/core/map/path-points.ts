/**
 * The points of an SVG path string as the maps write it (relative-path.ts): absolute "M", relative
 * "l" steps (the letter may be left out after the first pair), "h0" dots and "Z"; absolute "L"
 * too. Returned absolute, in viewBox px.
 */
export function pathPoints(d: string | null): [number, number][] {
  return subpaths(d).flat();
}

/** The points of each subpath (pen lift) apart. */
export function subpaths(d: string | null): [number, number][][] {
  if (!d) return [];
  const out: [number, number][][] = [];
  // Numbers in tenths, so steps add up exactly as the browser reads them.
  let x = 0, y = 0, command = "";
  const tokens = d.match(/[MmLlHhZz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (/[A-Za-z]/.test(t)) {
      command = t;
      i += 1;
      if (command === "Z" || command === "z") continue;
    }
    const a = Math.round(Number(tokens[i]) * 10);
    if (command === "h") {
      x += a;
      out[out.length - 1]!.push([x / 10, y / 10]);
      i += 1;
      continue;
    }
    const b = Math.round(Number(tokens[i + 1]) * 10);
    i += 2;
    if (command === "M") {
      x = a; y = b;
      out.push([[x / 10, y / 10]]);
      command = "L"; // pairs after an M are line points
    } else if (command === "L" || command === "l") {
      x = command === "L" ? a : x + a;
      y = command === "L" ? b : y + b;
      out[out.length - 1]!.push([x / 10, y / 10]);
    } else {
      throw new Error(`unexpected path command ${command} in ${d.slice(0, 80)}`);
    }
  }
  return out;
}

/** How many subpaths (pen lifts) a path has. */
export function subpathCount(d: string | null): number {
  return subpaths(d).length;
}

/** Distance from a point to a polyline, in px. */
export function distanceToPolyline(p: readonly [number, number], line: readonly (readonly [number, number])[]): number {
  let best = Infinity;
  for (let i = 0; i < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1] ?? a;
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
    best = Math.min(best, Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy)));
  }
  return best;
}
