import type { Metadata } from "next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1>Sign in</h1>
      <p className="lede">For analysts, researchers and admins. Readers need no account: the overview is public.</p>
      <SignInForm next={next ?? "/imports"} />
    </>
  );
}
