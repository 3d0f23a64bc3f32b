"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/server/auth/sign-in";
import { isSingleLineText, localPathOrNull } from "@/lib/core/format/user-input";

const credentials = z.object({
  email: z.string().trim().min(1, "enter your email").refine(isSingleLineText, "an email has no control characters"),
  password: z.string().min(1, "enter your password"),
  next: z.string().optional(),
});

export interface SignInState {
  error: string | null;
  /** What was typed, shown again after a refusal (never the password). */
  email?: string;
}

/** Only same-site paths: never redirect a signed-in user to another site (user-input.ts). */
function safeNext(next: string | undefined): string {
  return (next && localPathOrNull(next)) || "/imports";
}

export async function signInAction(_state: SignInState, form: FormData): Promise<SignInState> {
  const parsed = credentials.safeParse(Object.fromEntries(form));
  const typed = form.get("email");
  const email = typeof typed === "string" && typed.length <= 320 && isSingleLineText(typed) ? typed : undefined;
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "invalid form", email };
  const result = await signIn(parsed.data.email, parsed.data.password);
  if (!result.ok) {
    return {
      error:
        result.reason === "throttled"
          ? `Too many failed sign-ins: try again in ${result.waitS} s.`
          : "Wrong email or password.",
      email,
    };
  }
  // The navigation (in the root layout) shows who is signed in: refresh it, not just the page.
  revalidatePath("/", "layout");
  redirect(safeNext(parsed.data.next));
}

export async function signOutAction(): Promise<void> {
  await signOut();
  revalidatePath("/", "layout");
  redirect("/");
}
