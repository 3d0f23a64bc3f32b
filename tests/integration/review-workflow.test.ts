import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeDbPool, dbPool } from "@/lib/server/db/pool";
import type { FlightRef } from "@/lib/server/flights/load-flight-records";
import { addReviewNote } from "@/lib/server/review/add-review-note";
import { assignReview } from "@/lib/server/review/assign-review";
import { changeReviewStatus, changeReviewStatuses } from "@/lib/server/review/change-review-status";
import { setFindingPublished } from "@/lib/server/review/set-finding-published";
import { flightSubject } from "@/lib/server/review/with-review";
import { getFlightView } from "@/lib/server/flights/get-flight-view";
import { listReviewQueue } from "@/lib/server/review/list-review-queue";
import { loadDecidedFindings, reopenChangedFindings } from "@/lib/server/review/reopen-changed-findings";
import { parseQueueFilters } from "@/lib/core/review/queue-filters";
import type { SeenReview } from "@/lib/core/review/seen-review";
import {
  account,
  auditRows,
  insertFlight,
  notesOf,
  rejection,
  resetFlights,
  reviewRow,
  reviewState,
} from "./support/review-fixtures";

/**
 * The analysts' review workflow in the data layer: NEW → IN_REVIEW → CONFIRMED → published →
 * unpublished → IN_REVIEW, every refused step a 409 that changes nothing, only analysts, one
 * audit event per change, and two analysts' simultaneous changes applied one after the other.
 * Flights are Cuban addresses (0b0fxx) written straight into the tables.
 */
let next = 0;
const used: string[] = [];
/** A fresh flagged flight (or an unflagged one) on its own address. */
async function flight(flagged = true): Promise<FlightRef> {
  const icao24 = `0b0f${(next++).toString(16).padStart(2, "0")}`;
  used.push(icao24);
  return insertFlight({
    icao24,
    firstSeen: "2024-08-06T14:00:00Z",
    origin: "MUHA",
    destination: "SVMI",
    score: 0.7,
    kinds: flagged ? ["CUBA_VENEZUELA", "TRANSPONDER_GAP"] : [],
    gaps: flagged ? [true] : [],
  });
}

let analyst: CurrentUser;
let otherAnalyst: CurrentUser;
let researcher: CurrentUser;
let admin: CurrentUser;
let disabledAnalyst: CurrentUser;

beforeAll(async () => {
  await resetFlights(Array.from({ length: 256 }, (_, i) => `0b0f${i.toString(16).padStart(2, "0")}`));
  [analyst, otherAnalyst, researcher, admin, disabledAnalyst] = await Promise.all([
    account("ANALYST"),
    account("ANALYST"),
    account("RESEARCHER"),
    account("ADMIN"),
    account("ANALYST", { disabled: true }),
  ]);
});

afterAll(async () => {
  await resetFlights(used);
  await closeDbPool();
});

const event = (actor: CurrentUser, ref: FlightRef, action: string, details: Record<string, unknown> | null) => ({
  action,
  actor_id: actor.id,
  actor_email: actor.email,
  subject: flightSubject(ref),
  details,
});

describe("the review workflow", () => {
  it("takes a finding from new to published and back into review, one audit event per step", async () => {
    const ref = await flight();
    expect(flightSubject(ref)).toBe(`flight:${ref.icao24}-${ref.id}`);
    expect(await reviewRow(ref)).toBeNull();

    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    // The first touch creates the review row; taking it into review assigns the analyst who did.
    expect(await reviewRow(ref)).toMatchObject({ status: "IN_REVIEW", assignee_id: analyst.id, published: false, published_at: null });
    expect(await auditRows(ref)).toEqual([event(analyst, ref, "review-status", { from: "NEW", to: "IN_REVIEW" })]);

    await changeReviewStatus(otherAnalyst, ref, "CONFIRMED");
    // Confirming by a colleague keeps the assignee.
    expect(await reviewRow(ref)).toMatchObject({ status: "CONFIRMED", assignee_id: analyst.id, published: false });
    expect((await auditRows(ref)).at(-1)).toEqual(event(otherAnalyst, ref, "review-status", { from: "IN_REVIEW", to: "CONFIRMED" }));

    const { rows: clock } = await dbPool().query<{ now: Date }>(`SELECT now()`);
    await setFindingPublished(analyst, ref, true);
    const published = await reviewRow(ref);
    expect(published).toMatchObject({ status: "CONFIRMED", published: true });
    expect(published!.published_at!.getTime()).toBeGreaterThanOrEqual(clock[0]!.now.getTime() - 1000);
    expect((await auditRows(ref)).at(-1)).toEqual(event(analyst, ref, "published", null));

    await setFindingPublished(otherAnalyst, ref, false);
    expect(await reviewRow(ref)).toMatchObject({ status: "CONFIRMED", published: false, published_at: null });
    expect((await auditRows(ref)).at(-1)).toEqual(event(otherAnalyst, ref, "unpublished", null));

    await changeReviewStatus(otherAnalyst, ref, "IN_REVIEW");
    // Reopened by a colleague: it stays with the analyst who has it.
    expect(await reviewRow(ref)).toMatchObject({ status: "IN_REVIEW", assignee_id: analyst.id, published: false });

    expect((await auditRows(ref)).map((e) => [e.action, e.actor_id, e.details])).toEqual([
      ["review-status", analyst.id, { from: "NEW", to: "IN_REVIEW" }],
      ["review-status", otherAnalyst.id, { from: "IN_REVIEW", to: "CONFIRMED" }],
      ["published", analyst.id, null],
      ["unpublished", otherAnalyst.id, null],
      ["review-status", otherAnalyst.id, { from: "CONFIRMED", to: "IN_REVIEW" }],
    ]);
  });

  it("dismisses a new finding straight away and reopens a dismissed one", async () => {
    const ref = await flight();
    await changeReviewStatus(analyst, ref, "DISMISSED");
    // Dismissing is not taking into review: nobody is assigned.
    expect(await reviewRow(ref)).toMatchObject({ status: "DISMISSED", assignee_id: null });
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    expect(await reviewRow(ref)).toMatchObject({ status: "IN_REVIEW", assignee_id: analyst.id });
    await changeReviewStatus(analyst, ref, "NEW");
    expect(await reviewRow(ref)).toMatchObject({ status: "NEW" });
    expect(await auditRows(ref)).toHaveLength(3);
  });

  it("taking a finding into review keeps an assignee someone already set", async () => {
    const ref = await flight();
    await assignReview(analyst, ref, otherAnalyst.id);
    expect(await reviewRow(ref)).toMatchObject({ status: "NEW", assignee_id: otherAnalyst.id });
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    expect(await reviewRow(ref)).toMatchObject({ status: "IN_REVIEW", assignee_id: otherAnalyst.id });
  });
});

describe("refused changes", () => {
  it("refuses confirming a new finding with a 409 and creates no review row", async () => {
    const ref = await flight();
    const error = await rejection(changeReviewStatus(analyst, ref, "CONFIRMED"));
    expect(error.code).toBe("CONFLICT");
    expect(error.status).toBe(409);
    expect(error.message).toBe("a finding that is new cannot become confirmed");
    expect(await reviewState(ref)).toEqual({ review: null, audit: [], notes: [] });
  });

  it("refuses publishing a finding that is not confirmed", async () => {
    const ref = await flight();
    const untouched = await rejection(setFindingPublished(analyst, ref, true));
    expect([untouched.code, untouched.message]).toEqual(["CONFLICT", "only a confirmed finding can be published"]);
    expect(await reviewState(ref)).toEqual({ review: null, audit: [], notes: [] });

    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    const before = await reviewState(ref);
    const inReview = await rejection(setFindingPublished(analyst, ref, true));
    expect([inReview.code, inReview.message]).toEqual(["CONFLICT", "only a confirmed finding can be published"]);
    expect(await reviewState(ref)).toEqual(before);

    await changeReviewStatus(analyst, ref, "DISMISSED");
    const dismissed = await reviewState(ref);
    expect((await rejection(setFindingPublished(analyst, ref, true))).code).toBe("CONFLICT");
    expect(await reviewState(ref)).toEqual(dismissed);
  });

  it("refuses every status change while the finding is published, and publishing twice", async () => {
    const ref = await flight();
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await changeReviewStatus(analyst, ref, "CONFIRMED");
    await setFindingPublished(analyst, ref, true);
    const before = await reviewState(ref);
    for (const to of ["IN_REVIEW", "DISMISSED", "NEW"] as const) {
      const error = await rejection(changeReviewStatus(otherAnalyst, ref, to));
      expect([error.code, error.message]).toEqual(["CONFLICT", "unpublish the finding before changing its status"]);
    }
    const twice = await rejection(setFindingPublished(otherAnalyst, ref, true));
    expect([twice.code, twice.message]).toEqual(["CONFLICT", "the finding is already published"]);
    expect(await reviewState(ref)).toEqual(before);
  });

  it("refuses the status a finding already has, and unpublishing what is not published", async () => {
    const ref = await flight();
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    const before = await reviewState(ref);
    const same = await rejection(changeReviewStatus(analyst, ref, "IN_REVIEW"));
    expect([same.code, same.message]).toEqual(["CONFLICT", "the finding is already in review"]);
    const unpublish = await rejection(setFindingPublished(analyst, ref, false));
    expect([unpublish.code, unpublish.message]).toEqual(["CONFLICT", "the finding is not published"]);
    expect(await reviewState(ref)).toEqual(before);
  });

  it("refuses a flight without flags (409) and an unknown flight (404), writing nothing", async () => {
    const unflagged = await flight(false);
    const unknown: FlightRef = { icao24: unflagged.icao24, id: "9000000000" };
    const operations = [
      (ref: FlightRef) => changeReviewStatus(analyst, ref, "IN_REVIEW"),
      (ref: FlightRef) => setFindingPublished(analyst, ref, true),
      (ref: FlightRef) => assignReview(analyst, ref, analyst.id),
      (ref: FlightRef) => addReviewNote(analyst, ref, "seen"),
    ];
    for (const operation of operations) {
      const conflict = await rejection(operation(unflagged));
      expect([conflict.code, conflict.message]).toEqual(["CONFLICT", "this flight has no flags to review"]);
      const missing = await rejection(operation(unknown));
      expect([missing.code, missing.status]).toEqual(["NOT_FOUND", 404]);
      expect(missing.message).toBe(`no flight ${unknown.icao24}-${unknown.id}`);
    }
    expect(await reviewState(unflagged)).toEqual({ review: null, audit: [], notes: [] });
    expect(await reviewState(unknown)).toEqual({ review: null, audit: [], notes: [] });
  });
});

describe("who may review", () => {
  it.each(["RESEARCHER", "ADMIN"] as const)("a %s gets 403 for every review action and changes nothing", async (role) => {
    const actor = role === "RESEARCHER" ? researcher : admin;
    const ref = await flight();
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await changeReviewStatus(analyst, ref, "CONFIRMED");
    const before = await reviewState(ref);
    const fresh = await flight();
    for (const target of [ref, fresh]) {
      const attempts = [
        changeReviewStatus(actor, target, "DISMISSED"),
        changeReviewStatuses(actor, [{ ref: target }], "DISMISSED"),
        setFindingPublished(actor, target, true),
        assignReview(actor, target, actor.id),
        addReviewNote(actor, target, "a note from the wrong role"),
      ];
      for (const attempt of attempts) {
        const error = await rejection(attempt);
        expect([error.code, error.status]).toEqual(["FORBIDDEN", 403]);
      }
    }
    expect(await reviewState(ref)).toEqual(before);
    expect(await reviewState(fresh)).toEqual({ review: null, audit: [], notes: [] });
  });
});

describe("notes", () => {
  it("stores a note exactly as typed (markup included) with one audit event that does not copy the text", async () => {
    const ref = await flight();
    const body = `<script>alert(1)</script><img src=x onerror=alert(1)> "quoted" & 'single' — ünïcödé\nsecond line`;
    const id = await addReviewNote(analyst, ref, body);
    expect(await notesOf(ref)).toEqual([{ id, author_id: analyst.id, body }]);
    expect(await auditRows(ref)).toEqual([event(analyst, ref, "note-added", { noteId: id, chars: body.length })]);
    // A note is a first touch too: the finding now has a review row, still new.
    expect(await reviewRow(ref)).toMatchObject({ status: "NEW", assignee_id: null });
  });

  it("refuses an empty (or blank) note and one over 10,000 characters", async () => {
    const ref = await flight();
    // A NUL (PostgreSQL refuses it in text) or another control character is the form's error, not the database's.
    for (const body of ["", "   \n\t  ", "x".repeat(10_001), "a\u0000b", "bell\u0007"]) {
      const error = await rejection(addReviewNote(analyst, ref, body));
      expect(error.code).toBe("BAD_REQUEST");
    }
    expect((await rejection(addReviewNote(analyst, ref, " "))).message).toBe("the note is empty");
    expect(await reviewState(ref)).toEqual({ review: null, audit: [], notes: [] });
    // At the limit it is accepted.
    await addReviewNote(analyst, ref, "y".repeat(10_000));
    expect((await notesOf(ref)).map((n) => n.body.length)).toEqual([10_000]);
  });
});

describe("assigning", () => {
  it("assigns to an active analyst and unassigns, each audited with the assignee", async () => {
    const ref = await flight();
    await assignReview(analyst, ref, otherAnalyst.id);
    expect(await reviewRow(ref)).toMatchObject({ assignee_id: otherAnalyst.id, status: "NEW" });
    expect(await auditRows(ref)).toEqual([event(analyst, ref, "review-assigned", { assignee: otherAnalyst.email })]);
    // Assigning to whoever already has it changes nothing and records nothing.
    await assignReview(analyst, ref, otherAnalyst.id);
    expect(await auditRows(ref)).toHaveLength(1);
    await assignReview(otherAnalyst, ref, null);
    expect(await reviewRow(ref)).toMatchObject({ assignee_id: null });
    expect((await auditRows(ref)).at(-1)).toEqual(event(otherAnalyst, ref, "review-assigned", { assignee: null }));
  });

  it("refuses a researcher, an admin, a disabled analyst and an unknown account as assignee", async () => {
    const ref = await flight();
    await assignReview(analyst, ref, analyst.id);
    const before = await reviewState(ref);
    for (const assigneeId of [researcher.id, admin.id, disabledAnalyst.id, 2_000_000_000]) {
      const error = await rejection(assignReview(analyst, ref, assigneeId));
      expect([error.code, error.message]).toEqual(["BAD_REQUEST", "findings can only be assigned to an active analyst"]);
    }
    expect(await reviewState(ref)).toEqual(before);
  });
});

describe("bulk status change", () => {
  it("changes the findings it can and reports the others with their reasons", async () => {
    const [a, b, inReview, unflagged] = [await flight(), await flight(), await flight(), await flight(false)];
    await changeReviewStatus(analyst, inReview, "IN_REVIEW");
    const unknown: FlightRef = { icao24: a.icao24, id: "9000000001" };
    const inReviewBefore = await reviewState(inReview);

    const result = await changeReviewStatuses(otherAnalyst, [a, inReview, unflagged, b, unknown].map((ref) => ({ ref })), "IN_REVIEW");

    expect(result).toEqual({
      changed: 2,
      refused: [
        { ref: inReview, reason: "the finding is already in review" },
        { ref: unflagged, reason: "this flight has no flags to review" },
        { ref: unknown, reason: `no flight ${unknown.icao24}-${unknown.id}` },
      ],
    });
    for (const ref of [a, b]) {
      expect(await reviewRow(ref)).toMatchObject({ status: "IN_REVIEW", assignee_id: otherAnalyst.id });
      expect(await auditRows(ref)).toEqual([event(otherAnalyst, ref, "review-status", { from: "NEW", to: "IN_REVIEW" })]);
    }
    expect(await reviewState(inReview)).toEqual(inReviewBefore);
    expect(await reviewState(unflagged)).toEqual({ review: null, audit: [], notes: [] });
  });
});

describe("a page left open", () => {
  it("cannot undo a colleague's decision: the status it showed must still hold", async () => {
    // Both pages showed NEW; the colleague took it into review and confirmed it meanwhile.
    const ref = await flight();
    await changeReviewStatus(otherAnalyst, ref, "IN_REVIEW", { status: "NEW" });
    await changeReviewStatus(otherAnalyst, ref, "CONFIRMED", { status: "IN_REVIEW" });
    const before = await reviewState(ref);
    const error = await rejection(changeReviewStatus(analyst, ref, "IN_REVIEW", { status: "NEW" }));
    expect([error.code, error.message]).toEqual(["CONFLICT", "changed since your page was loaded: it is now confirmed; reload to see who changed it"]);
    expect(await reviewState(ref)).toEqual(before);

    // The queue's bulk change: a row ticked while NEW is not dismissed from under the colleague who took it.
    const taken = await flight();
    await changeReviewStatus(otherAnalyst, taken, "IN_REVIEW", { status: "NEW" });
    const result = await changeReviewStatuses(analyst, [{ ref: taken, seen: { status: "NEW" } }], "DISMISSED");
    expect(result).toEqual({ changed: 0, refused: [{ ref: taken, reason: "changed since your page was loaded: it is now in review; reload to see who changed it" }] });
    expect(await reviewRow(taken)).toMatchObject({ status: "IN_REVIEW", assignee_id: otherAnalyst.id });
    // What the page showed is still what it is: the change goes through.
    await changeReviewStatus(analyst, taken, "DISMISSED", { status: "IN_REVIEW" });
    expect(await reviewRow(taken)).toMatchObject({ status: "DISMISSED" });
  });
});

describe("a page left open while the finding moved and moved back", () => {
  /** The stamp the analyst's flight page renders into its forms, as the page reads it. */
  async function shown(viewer: CurrentUser, ref: FlightRef): Promise<SeenReview> {
    const view = await getFlightView(`${ref.icao24}-${ref.id}`, viewer, "summary");
    return { status: view!.review?.status ?? "NEW", version: view!.reviewVersion };
  }
  const stale = (status: string) => `changed since your page was loaded: it is now ${status}; reload to see who changed it`;

  it("answers each change with what a reloaded page would show, so the same page's next change goes through", async () => {
    const ref = await flight();
    let page = await shown(analyst, ref);
    const steps: (() => Promise<SeenReview>)[] = [
      () => changeReviewStatus(analyst, ref, "IN_REVIEW", page),
      () => assignReview(analyst, ref, otherAnalyst.id, page),
      // The same assignee again changes nothing: the answer is the page as it was.
      () => assignReview(analyst, ref, otherAnalyst.id, page),
      () => changeReviewStatus(analyst, ref, "CONFIRMED", page),
      () => setFindingPublished(analyst, ref, true, page),
      () => setFindingPublished(analyst, ref, false, page),
      () => changeReviewStatus(analyst, ref, "IN_REVIEW", page),
    ];
    const versions: number[] = [];
    for (const step of steps) {
      const answer = await step();
      expect(answer).toEqual(await shown(analyst, ref));
      page = answer;
      versions.push(answer.version!);
    }
    expect(versions).toEqual([1, 2, 2, 3, 4, 5, 6]);
    expect(await reviewRow(ref)).toMatchObject({ status: "IN_REVIEW", published: false, assignee_id: otherAnalyst.id });
  });

  it("refuses a status change after NEW → IN_REVIEW → NEW by a colleague, and lets a fresh page's through", async () => {
    const ref = await flight();
    const page = await shown(analyst, ref);
    expect(page).toEqual({ status: "NEW", version: 0 });
    await changeReviewStatus(otherAnalyst, ref, "IN_REVIEW", await shown(otherAnalyst, ref));
    await changeReviewStatus(otherAnalyst, ref, "NEW", await shown(otherAnalyst, ref));
    const before = await reviewState(ref);
    expect(before.review).toMatchObject({ status: "NEW", assignee_id: otherAnalyst.id });

    const error = await rejection(changeReviewStatus(analyst, ref, "DISMISSED", page));
    expect([error.code, error.status, error.message]).toEqual(["CONFLICT", 409, stale("new")]);
    expect(await reviewState(ref)).toEqual(before);

    // Reloaded, the same analyst's change goes through.
    await changeReviewStatus(analyst, ref, "DISMISSED", await shown(analyst, ref));
    expect(await reviewRow(ref)).toMatchObject({ status: "DISMISSED" });
  });

  it("refuses publishing, and reopening, a confirmation a colleague reopened and made again", async () => {
    const ref = await flight();
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await changeReviewStatus(analyst, ref, "CONFIRMED");
    const page = await shown(analyst, ref);
    await changeReviewStatus(otherAnalyst, ref, "IN_REVIEW", await shown(otherAnalyst, ref));
    await changeReviewStatus(otherAnalyst, ref, "CONFIRMED", await shown(otherAnalyst, ref));
    const before = await reviewState(ref);

    const publish = await rejection(setFindingPublished(analyst, ref, true, page));
    expect([publish.code, publish.message]).toEqual(["CONFLICT", stale("confirmed")]);
    const reopen = await rejection(changeReviewStatus(analyst, ref, "IN_REVIEW", page));
    expect([reopen.code, reopen.message]).toEqual(["CONFLICT", stale("confirmed")]);
    expect(await reviewState(ref)).toEqual(before);

    // Published and unpublished again by the colleague: the old page's unpublish is refused too.
    const fresh = await shown(analyst, ref);
    await setFindingPublished(otherAnalyst, ref, true, await shown(otherAnalyst, ref));
    await setFindingPublished(otherAnalyst, ref, false, await shown(otherAnalyst, ref));
    await setFindingPublished(otherAnalyst, ref, true, await shown(otherAnalyst, ref));
    const unpublish = await rejection(setFindingPublished(analyst, ref, false, { ...fresh, version: fresh.version! + 1 }));
    expect(unpublish.message).toBe(stale("confirmed"));
    expect(await reviewRow(ref)).toMatchObject({ published: true });
    await setFindingPublished(analyst, ref, false, await shown(analyst, ref));
    expect(await reviewRow(ref)).toMatchObject({ published: false });
  });

  it("refuses an assignment or a status change from a page that showed another assignee", async () => {
    const ref = await flight();
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    const page = await shown(analyst, ref);
    await assignReview(otherAnalyst, ref, otherAnalyst.id, await shown(otherAnalyst, ref));
    const before = await reviewState(ref);

    const assign = await rejection(assignReview(analyst, ref, null, page));
    expect([assign.code, assign.message]).toEqual(["CONFLICT", stale("in review")]);
    const dismiss = await rejection(changeReviewStatus(analyst, ref, "DISMISSED", page));
    expect(dismiss.message).toBe(stale("in review"));
    expect(await reviewState(ref)).toEqual(before);

    await assignReview(analyst, ref, analyst.id, await shown(analyst, ref));
    expect(await reviewRow(ref)).toMatchObject({ assignee_id: analyst.id, status: "IN_REVIEW" });
  });

  it("refuses the queue's bulk change for a row that moved and moved back, and changes the others", async () => {
    const [moved, untouched] = [await flight(), await flight()];
    const queue = await listReviewQueue(analyst, parseQueueFilters({ status: "NEW", pageSize: "100" }));
    const ticked = (ref: FlightRef) => {
      const row = queue.rows.find((r) => r.icao24 === ref.icao24 && r.id === ref.id)!;
      return { ref, seen: { status: row.status, version: row.reviewVersion } };
    };
    const tickedRows = [ticked(moved), ticked(untouched)];
    expect(tickedRows.map((t) => t.seen)).toEqual([{ status: "NEW", version: 0 }, { status: "NEW", version: 0 }]);
    await changeReviewStatus(otherAnalyst, moved, "IN_REVIEW");
    await changeReviewStatus(otherAnalyst, moved, "NEW");
    const movedBefore = await reviewState(moved);

    const result = await changeReviewStatuses(analyst, tickedRows, "IN_REVIEW");
    expect(result).toEqual({ changed: 1, refused: [{ ref: moved, reason: stale("new") }] });
    expect(await reviewState(moved)).toEqual(movedBefore);
    expect(await reviewRow(untouched)).toMatchObject({ status: "IN_REVIEW", assignee_id: analyst.id });
  });

  it("refuses an old page after re-detection reopened the finding and a colleague confirmed it again", async () => {
    const ref = await flight();
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await changeReviewStatus(analyst, ref, "CONFIRMED");
    const page = await shown(analyst, ref);
    const client = await dbPool().connect();
    try {
      await client.query("BEGIN");
      const decided = (await loadDecidedFindings(client, [ref.icao24])).filter((f) => f.id === ref.id);
      expect(await reopenChangedFindings(client, decided, () => "ANOTHER_FLAG")).toBe(1);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    // The reopen is a change of the row like an analyst's: the stamp moves with it.
    expect(await shown(analyst, ref)).toEqual({ status: "IN_REVIEW", version: page.version! + 1 });
    await changeReviewStatus(otherAnalyst, ref, "CONFIRMED", await shown(otherAnalyst, ref));
    const error = await rejection(setFindingPublished(analyst, ref, true, page));
    expect(error.message).toBe(stale("confirmed"));
    expect(await reviewRow(ref)).toMatchObject({ status: "CONFIRMED", published: false });
  });

  it("a note is no change of the review: a page's stamp still holds after one", async () => {
    const ref = await flight();
    const page = await shown(analyst, ref);
    await addReviewNote(otherAnalyst, ref, "looked at the gap");
    expect(await shown(analyst, ref)).toEqual(page);
    await changeReviewStatus(analyst, ref, "IN_REVIEW", page);
    expect(await reviewRow(ref)).toMatchObject({ status: "IN_REVIEW" });
  });
});

describe("two analysts at once", () => {
  it("applies one of two simultaneous decisions from the same starting state and refuses the other", async () => {
    for (let round = 0; round < 5; round++) {
      const ref = await flight();
      await changeReviewStatus(analyst, ref, "IN_REVIEW");
      const results = await Promise.allSettled([
        changeReviewStatus(analyst, ref, "CONFIRMED"),
        changeReviewStatus(otherAnalyst, ref, "DISMISSED"),
      ]);
      const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
      expect(won, `round ${round}`).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: "CONFLICT" });
      const winner = won[0] === 0 ? "CONFIRMED" : "DISMISSED";
      expect(lost.reason.message).toBe(`a finding that is ${winner.toLowerCase()} cannot become ${winner === "CONFIRMED" ? "dismissed" : "confirmed"}`);
      expect(await reviewRow(ref)).toMatchObject({ status: winner });
      const decisions = (await auditRows(ref)).filter((e) => (e.details as { from?: string } | null)?.from === "IN_REVIEW");
      expect(decisions).toHaveLength(1);
    }
  });

  it("creates one review row when two analysts take a new finding at once; the second is refused", async () => {
    for (let round = 0; round < 5; round++) {
      const ref = await flight();
      const results = await Promise.allSettled([changeReviewStatus(analyst, ref, "IN_REVIEW"), changeReviewStatus(otherAnalyst, ref, "IN_REVIEW")]);
      expect(results.filter((r) => r.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: "CONFLICT", message: "the finding is already in review" });
      const { rows } = await dbPool().query(`SELECT count(*)::int AS n FROM reviews WHERE icao24 = $1 AND flight_id = $2`, [ref.icao24, ref.id]);
      expect(rows[0].n).toBe(1);
      expect(await auditRows(ref)).toHaveLength(1);
    }
  });

  it("publishes once when two analysts publish at once", async () => {
    const ref = await flight();
    await changeReviewStatus(analyst, ref, "IN_REVIEW");
    await changeReviewStatus(analyst, ref, "CONFIRMED");
    const results = await Promise.allSettled([setFindingPublished(analyst, ref, true), setFindingPublished(otherAnalyst, ref, true)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await auditRows(ref)).filter((e) => e.action === "published")).toHaveLength(1);
  });
});
