import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import type { FlightRef } from "@/lib/server/flights/load-flight-records";
import { getFlightPage } from "@/lib/server/flights/get-flight-page";
import { getOverviewModel } from "@/lib/server/public/get-overview-model";
import { getPublicPagesVersion } from "@/lib/server/public/get-public-pages-version";
import { loadDecidedFindings, reopenChangedFindings } from "@/lib/server/review/reopen-changed-findings";
import { setFindingPublished } from "@/lib/server/review/set-finding-published";
import { account, insertFlight, resetFlights, setReview } from "./support/review-fixtures";

/**
 * The public pages are served from a cache kept per publication version. Readers must never see
 * a finding after it was taken off the public pages, whichever process did it: an analyst here,
 * or re-detection in the worker (reopen-changed-findings, on its own pg connection), which this
 * web server hears nothing about except through the version row.
 * Flights on addresses 0b0axx, each on its own day of 2031 so a period holds only it.
 */
const ADDRESSES = Array.from({ length: 8 }, (_, i) => `0b0a0${i}`);
let analyst: CurrentUser;

beforeAll(async () => {
  await resetFlights(ADDRESSES);
  analyst = await account("ANALYST");
});
afterAll(async () => {
  await resetFlights(ADDRESSES);
  await closeDbPool();
});

async function publishedFlight(n: number, callsign: string): Promise<{ ref: FlightRef; key: string; day: string }> {
  const day = `2031-03-0${n + 1}`;
  const ref = await insertFlight({
    icao24: ADDRESSES[n]!,
    firstSeen: `${day}T14:00:00Z`,
    callsign,
    origin: "MUHA",
    destination: "SVMI",
    score: 0.8,
    kinds: ["CUBA_VENEZUELA", "TRANSPONDER_GAP"],
    gaps: [true],
  });
  await setReview(ref, { status: "CONFIRMED" });
  await setFindingPublished(analyst, ref, true);
  return { ref, key: `${ref.icao24}-${ref.id}`, day };
}

/** What the worker does: in one transaction, read the decided findings, rewrite flags, reopen the changed ones. */
async function redetectAsWorker(ref: FlightRef, change: "flags" | "callsign"): Promise<void> {
  const client = await dbPool().connect();
  try {
    await client.query("BEGIN");
    const decided = await loadDecidedFindings(client, [ref.icao24]);
    expect(decided.map((d) => d.id)).toEqual([ref.id]);
    if (change === "flags") {
      await client.query(`DELETE FROM flags WHERE icao24 = $1 AND flight_id = $2 AND kind = 'TRANSPONDER_GAP'`, [ref.icao24, ref.id]);
      await reopenChangedFindings(client, decided, () => "CUBA_VENEZUELA");
    } else {
      await client.query(`UPDATE flights SET callsign = 'NEWCALL' WHERE icao24 = $1 AND id = $2`, [ref.icao24, ref.id]);
      await reopenChangedFindings(client, decided, () => decided[0]!.signature);
    }
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

describe("the public pages' cache", () => {
  it("serves a published finding from the cache, and drops it at the next request once the worker reopens it", async () => {
    const { ref, key, day } = await publishedFlight(0, "PUB0001");
    const period = { from: day, to: day };

    const first = await getOverviewModel(period, "published");
    expect(first.findingsCount).toBe(1);
    expect(first.latest.map((f) => f.flight.key)).toEqual([key]);
    expect(first.map.tracks.map((t) => t.key)).toEqual([key]);
    // Nothing changed: the same object, from the cache.
    expect(await getOverviewModel(period, "published")).toBe(first);
    const page = await getFlightPage(key, null);
    expect(page?.view.flight.callsign).toBe("PUB0001");
    expect(await getFlightPage(key, null)).toBe(page);

    const before = await getPublicPagesVersion();
    await redetectAsWorker(ref, "flags");
    expect(await getPublicPagesVersion()).not.toBe(before);

    const after = await getOverviewModel(period, "published");
    expect(after.findingsCount).toBe(0);
    expect(after.latest).toEqual([]);
    expect(after.map.tracks).toEqual([]);
    expect(await getFlightPage(key, null)).toBeNull();
    // The analyst still sees it, back in review.
    const analystPage = await getFlightPage(key, analyst);
    expect(analystPage?.view.review?.status).toBe("IN_REVIEW");
    expect(analystPage?.view.review?.published).toBe(false);
  });

  it("drops a finding an analyst unpublishes, and shows one just published", async () => {
    const { ref, key, day } = await publishedFlight(1, "PUB0002");
    const period = { from: day, to: day };
    expect((await getOverviewModel(period, "published")).findingsCount).toBe(1);
    expect(await getFlightPage(key, null)).not.toBeNull();

    await setFindingPublished(analyst, ref, false);
    expect((await getOverviewModel(period, "published")).findingsCount).toBe(0);
    expect(await getFlightPage(key, null)).toBeNull();

    await setFindingPublished(analyst, ref, true);
    expect((await getOverviewModel(period, "published")).latest.map((f) => f.flight.key)).toEqual([key]);
    expect((await getFlightPage(key, null))?.view.flight.key).toBe(key);
  });

  it("shows the re-detected flight when re-detection keeps a published finding's flags", async () => {
    const { ref, key } = await publishedFlight(2, "PUB0003");
    expect((await getFlightPage(key, null))?.view.flight.callsign).toBe("PUB0003");
    await redetectAsWorker(ref, "callsign");
    const page = await getFlightPage(key, null);
    expect(page?.view.review?.published).toBe(true);
    expect(page?.view.flight.callsign).toBe("NEWCALL");
  });

  it("never caches analysts' view of every flagged flight", async () => {
    const { day } = await publishedFlight(3, "PUB0004");
    const period = { from: day, to: day };
    const a = await getOverviewModel(period, "all-flagged");
    expect(a.findingsCount).toBe(1);
    expect(await getOverviewModel(period, "all-flagged")).not.toBe(a);
  });
});
