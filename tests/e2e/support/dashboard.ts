import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import pg from "pg";

/**
 * Helpers for the dashboard journeys: signing in through the login page, reading the test
 * database straight (E2E_DATABASE_URL, set by the global setup) to know what the pages must
 * show, and screenshots saved as test artifacts.
 */

export const number = new Intl.NumberFormat("en-US");

/** One query on the test database, a fresh connection each time (the suite is serial and small). */
export async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(sql, params);
    return rows as T[];
  } finally {
    await client.end();
  }
}

/** Sign in through the login page; `next` is where the app sends the browser afterwards. */
export async function signIn(page: Page, account: { email: string; password: string }, next = "/imports"): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(account.email);
}

/** A full-page screenshot kept with the test's results and attached to its report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
  return file;
}

/**
 * Recharts draws nothing on the server: its SVG appears after hydration, once the container has
 * been measured. Wait for the surface, then for at least one drawn bar.
 */
export async function expectBarsDrawn(chart: Locator): Promise<void> {
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle path, path.recharts-rectangle").first()).toBeVisible();
}

/** No horizontal scrolling of the page itself (wide tables may scroll inside their own box). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, viewportWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    viewportWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${viewportWidth}px viewport`).toBeLessThanOrEqual(viewportWidth + 1);
}

export const flightKey = (f: { icao24: string; id: string | number }) => `${f.icao24.trim()}-${f.id}`;

export interface FlightRow {
  icao24: string;
  id: string;
  callsign: string | null;
  key: string;
}

const FLIGHT_COLUMNS = `trim(f.icao24) AS icao24, f.id::text AS id, f.callsign`;
const withKey = (rows: Omit<FlightRow, "key">[]): FlightRow[] => rows.map((r) => ({ ...r, key: flightKey(r) }));

/** Confirmed and published findings: what a reader sees (the overview's own condition). */
export async function publishedFindings(): Promise<FlightRow[]> {
  return withKey(
    await query(
      `SELECT ${FLIGHT_COLUMNS} FROM flights f JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
        WHERE r.published AND r.status = 'CONFIRMED' ORDER BY f.first_seen, f.icao24, f.id`,
    ),
  );
}

/** A published finding with a closed suspected switch-off (a dashed line between two markers). */
export async function publishedSwitchOff(): Promise<FlightRow & { witnesses: number }> {
  const rows = await query<Omit<FlightRow, "key"> & { witnesses: number }>(
    `SELECT ${FLIGHT_COLUMNS}, e.witness_count AS witnesses
       FROM flights f JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
       JOIN gap_events e ON e.icao24 = f.icao24 AND e.flight_id = f.id
      WHERE r.published AND r.status = 'CONFIRMED' AND e.suspected AND NOT e.partial AND e.on_time IS NOT NULL
      ORDER BY f.first_seen, f.icao24, f.id LIMIT 1`,
  );
  expect(rows, "the demo data has a published finding with a suspected switch-off").toHaveLength(1);
  return withKey(rows)[0]! as FlightRow & { witnesses: number };
}

/** A flagged flight nobody published whose only silences are plain gaps (not suspected). */
export async function unpublishedPlainGapFlight(): Promise<FlightRow> {
  const rows = await query<Omit<FlightRow, "key">>(
    `SELECT ${FLIGHT_COLUMNS} FROM flights f
      WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id AND g.kind = 'TRANSPONDER_GAP')
        AND EXISTS (SELECT 1 FROM gap_events e WHERE e.icao24 = f.icao24 AND e.flight_id = f.id AND NOT e.suspected AND NOT e.open AND NOT e.partial)
        AND NOT EXISTS (SELECT 1 FROM gap_events e WHERE e.icao24 = f.icao24 AND e.flight_id = f.id AND (e.suspected OR e.open OR e.partial))
        AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.icao24 = f.icao24 AND r.flight_id = f.id AND r.published)
      ORDER BY f.score DESC, f.icao24, f.id LIMIT 1`,
  );
  expect(rows, "the demo data has an unpublished flight flagged for a plain gap").toHaveLength(1);
  return withKey(rows)[0]!;
}

/** A flagged flight still new (no review row, or status NEW), preferably Cuba–Venezuela. */
export async function newFlaggedFlight(exclude: string[] = []): Promise<FlightRow> {
  const rows = await query<Omit<FlightRow, "key">>(
    `SELECT ${FLIGHT_COLUMNS} FROM flights f LEFT JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
      WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id)
        AND coalesce(r.status, 'NEW') = 'NEW' AND NOT coalesce(r.published, false)
        AND NOT (trim(f.icao24) || '-' || f.id::text = ANY($1::text[]))
      ORDER BY EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = f.icao24 AND g.flight_id = f.id AND g.kind = 'CUBA_VENEZUELA') DESC,
               f.score DESC, f.icao24, f.id
      LIMIT 1`,
    [exclude],
  );
  expect(rows, "a flagged flight still waits for review").toHaveLength(1);
  return withKey(rows)[0]!;
}

export interface StoredPosition {
  latDeg: number;
  lonDeg: number;
  callsign: string | null;
}

/** The flight's positions as stored: the aircraft's rows between the flight's first and last seen. */
export async function flightPositions(key: string): Promise<StoredPosition[]> {
  const [icao24, id] = splitKey(key);
  return query<StoredPosition & Record<string, unknown>>(
    `SELECT p.lat_deg AS "latDeg", p.lon_deg AS "lonDeg", p.callsign
       FROM positions p JOIN flights f ON f.icao24 = p.icao24
      WHERE f.icao24 = $1 AND f.id = $2 AND p.time BETWEEN f.first_seen AND f.last_seen
      ORDER BY p.time`,
    [icao24, id],
  );
}

export interface StoredGap {
  suspected: boolean;
  partial: boolean;
  open: boolean;
  closed: boolean;
  witnesses: number;
}

export async function flightGaps(key: string): Promise<StoredGap[]> {
  const [icao24, id] = splitKey(key);
  return query<StoredGap & Record<string, unknown>>(
    `SELECT suspected, partial, open, on_time IS NOT NULL AS closed, witness_count AS witnesses
       FROM gap_events WHERE icao24 = $1 AND flight_id = $2 ORDER BY off_time`,
    [icao24, id],
  );
}

export async function reviewOf(key: string): Promise<{ status: string; published: boolean } | null> {
  const [icao24, id] = splitKey(key);
  const rows = await query<{ status: string; published: boolean }>(`SELECT status::text, published FROM reviews WHERE icao24 = $1 AND flight_id = $2`, [icao24, id]);
  return rows[0] ?? null;
}

export function splitKey(key: string): [string, string] {
  const match = /^([0-9a-f]{6})-(\d+)$/.exec(key);
  if (!match) throw new Error(`not a flight key: ${key}`);
  return [match[1]!, match[2]!];
}

/** The overview's headline figures, counted in SQL over the confirmed and published findings. */
export async function publishedFigures(): Promise<{
  findings: number;
  cubaVenezuela: number;
  suspected: number;
  gaps: number;
  detours: number;
}> {
  const [row] = await query<{ findings: number; cuba_venezuela: number; suspected: number; gaps: number; detours: number }>(
    `WITH pub AS (
       SELECT f.icao24, f.id FROM flights f JOIN reviews r ON r.icao24 = f.icao24 AND r.flight_id = f.id
        WHERE r.published AND r.status = 'CONFIRMED')
     SELECT (SELECT count(*) FROM pub p WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = p.icao24 AND g.flight_id = p.id))::int AS findings,
            (SELECT count(*) FROM pub p WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = p.icao24 AND g.flight_id = p.id AND g.kind = 'CUBA_VENEZUELA'))::int AS cuba_venezuela,
            (SELECT count(*) FROM pub p JOIN gap_events e ON e.icao24 = p.icao24 AND e.flight_id = p.id WHERE e.suspected)::int AS suspected,
            (SELECT count(*) FROM pub p JOIN gap_events e ON e.icao24 = p.icao24 AND e.flight_id = p.id WHERE NOT e.suspected)::int AS gaps,
            (SELECT count(*) FROM pub p WHERE EXISTS (SELECT 1 FROM flags g WHERE g.icao24 = p.icao24 AND g.flight_id = p.id AND g.kind = 'ZONE_AVOIDANCE'))::int AS detours`,
  );
  return { findings: row!.findings, cubaVenezuela: row!.cuba_venezuela, suspected: row!.suspected, gaps: row!.gaps, detours: row!.detours };
}

/** Sum of the numeric cells of a chart's table alternative (rendered server-side inside <details>). */
export async function tableTotal(chart: Locator, column: number): Promise<number> {
  const cells = await chart.locator(`table tbody tr`).evaluateAll(
    (rows, col) => rows.map((r) => Number((r.querySelectorAll("td")[col] as HTMLElement | undefined)?.textContent ?? "0")),
    column,
  );
  return cells.reduce((s, n) => s + n, 0);
}
