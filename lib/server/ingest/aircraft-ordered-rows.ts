/**
 * Rows of COPY text gathered in file order and sent by aircraft, then time. Files mostly come
 * in time order, so a month's partition would interleave every aircraft on every page, and
 * reading one aircraft's track (detection, a flight page) would visit a page per position.
 * Sent in runs of `RUN_ROWS` sorted by aircraft, an aircraft's positions of a run share a page
 * or two: the ordered read of a million positions for detection costs PostgreSQL half the CPU
 * (1.1–1.7 against 2.0–3.3 s a million, README). A run holds ~6 MB of COPY text.
 */
export const RUN_ROWS = 50_000;

/** Runs whose file lines stay known for a COPY error: far more than can be in flight to the server. */
const KEPT_RUNS = 4;

export class AircraftOrderedRows {
  // Each row's text goes at once into one buffer, grown as a run needs (~6 MB for a full one):
  // kept as strings, a run's rows (each a tree of the pieces it was built from) outlived
  // young-generation GCs and doubled the import's time. The keys go in typed arrays, not arrays
  // of the records' strings, which can hold on to the text they were cut from.
  private bytes = Buffer.allocUnsafe(64 << 10);
  private used = 0;
  private count = 0;
  private readonly starts: Int32Array;
  private readonly aircraft: Int32Array;
  private readonly timesMs: Float64Array;
  private readonly lines: Int32Array;
  private sent = 0;
  private readonly kept: { firstRow: number; lines: Int32Array }[] = [];

  constructor(private readonly runRows = RUN_ROWS) {
    this.starts = new Int32Array(runRows + 1);
    this.aircraft = new Int32Array(runRows);
    this.timesMs = new Float64Array(runRows);
    this.lines = new Int32Array(runRows);
  }

  /** Rows gathered and not yet taken. */
  get size(): number {
    return this.count;
  }

  /** Rows taken so far: the next taken row is COPY row `sent + 1` of the whole pass. */
  get sentRows(): number {
    return this.sent;
  }

  /** Gather one row (`icao24`: 6 hex digits, as records carry it); true when the run is full and must be taken. */
  add(text: string, icao24: string, timeMs: number, line: number): boolean {
    if (this.count >= this.runRows) throw new Error("AircraftOrderedRows: take the full run first");
    if (this.used + text.length * 3 > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + text.length * 3));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    const i = this.count++;
    this.starts[i] = this.used;
    this.used += this.bytes.write(text, this.used);
    this.starts[i + 1] = this.used;
    this.aircraft[i] = Number.parseInt(icao24, 16);
    this.timesMs[i] = timeMs;
    this.lines[i] = line;
    return this.count >= this.runRows;
  }

  /**
   * The gathered rows in (aircraft, time, file) order, as pieces of about `pieceBytes`,
   * remembering each row's file line for {@link lineOfRow}. Grouping by aircraft keeps it linear
   * for files in time order: only a group out of time order is sorted. Rows next to each other
   * in the file and in the order are copied together.
   */
  take(pieceBytes: number): Buffer[] {
    const n = this.count;
    if (n === 0) return [];
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const key = this.aircraft[i]!;
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    }
    const lines = new Int32Array(n);
    const pieces: Buffer[] = [];
    let piece = Buffer.allocUnsafe(pieceBytes);
    let pieceUsed = 0;
    let from = 0; // the source range not yet copied: [from, to)
    let to = 0;
    const copyRange = () => {
      if (to > from) {
        if (pieceUsed + (to - from) > piece.length) {
          if (pieceUsed > 0) pieces.push(piece.subarray(0, pieceUsed));
          piece = Buffer.allocUnsafe(Math.max(pieceBytes, to - from));
          pieceUsed = 0;
        }
        pieceUsed += this.bytes.copy(piece, pieceUsed, from, to);
      }
    };
    let k = 0;
    for (const key of [...groups.keys()].sort((a, b) => a - b)) {
      const group = groups.get(key)!;
      let inOrder = true;
      for (let g = 1; g < group.length && inOrder; g++) inOrder = this.timesMs[group[g]!]! >= this.timesMs[group[g - 1]!]!;
      if (!inOrder) group.sort((a, b) => this.timesMs[a]! - this.timesMs[b]! || a - b);
      for (const i of group) {
        lines[k++] = this.lines[i]!;
        const start = this.starts[i]!;
        const end = this.starts[i + 1]!;
        if (start !== to || to - from >= pieceBytes) {
          copyRange();
          from = start;
        }
        to = end;
      }
    }
    copyRange();
    if (pieceUsed > 0) pieces.push(piece.subarray(0, pieceUsed));
    this.kept.push({ firstRow: this.sent + 1, lines });
    if (this.kept.length > KEPT_RUNS) this.kept.shift();
    this.sent += n;
    this.used = 0;
    this.count = 0;
    return pieces;
  }

  /** The file line of the pass's 1-based COPY row `row`, or null when its run is long gone. */
  lineOfRow(row: number): number | null {
    for (const run of this.kept) {
      if (row >= run.firstRow && row < run.firstRow + run.lines.length) return run.lines[row - run.firstRow]!;
    }
    return null;
  }

  /** The file line of the row a PostgreSQL COPY error names ("COPY positions, line 12, column …"). */
  lineOf(error: unknown, firstRow: number): number | null {
    const where = (error as { where?: unknown } | null)?.where;
    const match = typeof where === "string" ? /COPY \w+, line (\d+)/.exec(where) : null;
    return match ? this.lineOfRow(firstRow + Number(match[1])) : null;
  }
}
