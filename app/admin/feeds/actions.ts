"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FieldErrors } from "@/lib/core/forms/form-errors";
import { refusalOf } from "@/lib/server/actions/action-state";
import { AppError, invalidInput } from "@/lib/server/app-error";
import { ACCOUNT_ROLES, requireActionRole } from "@/lib/server/auth/require-page-role";
import { addLiveFeed } from "@/lib/server/live/add-live-feed";
import { removeLiveFeed } from "@/lib/server/live/remove-live-feed";
import { isSingleLineText, MAX_INT_ID } from "@/lib/core/format/user-input";

const addFeedSchema = z.object({
  url: z.string().trim().min(1, "give the feed's URL (sbs1://HOST:PORT or aircraft-json+http://HOST:PORT/PATH)").max(2000, "that URL is too long").refine(isSingleLineText, "a URL has no control characters"),
  name: z.string().trim().max(100, "names have at most 100 characters").refine(isSingleLineText, "a name has no control characters"),
});

const removeFeedSchema = z.object({
  feedId: z.coerce.number().int().positive("not a feed id").max(MAX_INT_ID, "not a feed id"),
});

/** The add-feed form's fields, in its order. */
const FEED_FIELDS = ["url", "name"];

/** `null` before the first submission; a refusal carries its messages and the typed values back, so they can be corrected. */
export type AddFeedState = { error: string | null; fieldErrors: FieldErrors; url: string; name: string } | { ok: true; url: string } | null;
export type RemoveFeedState = { error: string } | { ok: true; url: string } | null;

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "invalid form";
}

function refused(error: AppError, typed: { url: string; name: string }): AddFeedState {
  const { formError, fieldErrors } = refusalOf(error, FEED_FIELDS);
  return { error: formError, fieldErrors, ...typed };
}

export async function addFeedAction(_state: AddFeedState, form: FormData): Promise<AddFeedState> {
  const admin = await requireActionRole(ACCOUNT_ROLES);
  const typed = { url: String(form.get("url") ?? ""), name: String(form.get("name") ?? "") };
  const parsed = addFeedSchema.safeParse(typed);
  if (!parsed.success) return refused(invalidInput(parsed.error.issues), typed);
  try {
    // The URL is checked and normalised by the data layer; its words come back as the error.
    const feed = await addLiveFeed({ url: parsed.data.url, name: parsed.data.name || null }, admin);
    revalidatePath("/admin/feeds");
    return { ok: true, url: feed.url };
  } catch (error) {
    if (error instanceof AppError) return refused(error, typed);
    throw error;
  }
}

export async function removeFeedAction(_state: RemoveFeedState, form: FormData): Promise<RemoveFeedState> {
  const admin = await requireActionRole(ACCOUNT_ROLES);
  const parsed = removeFeedSchema.safeParse({ feedId: form.get("feedId") });
  if (!parsed.success) return { error: firstIssue(parsed.error) };
  try {
    const removed = await removeLiveFeed(String(parsed.data.feedId), admin);
    revalidatePath("/admin/feeds");
    return { ok: true, url: removed.url };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
