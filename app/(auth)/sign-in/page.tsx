import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signIn } from "@/app/(auth)/sign-in/actions";
import { SignInForm } from "@/components/sign-in/sign-in-form";
import { getConfig } from "@/lib/config";
import { safeNextPath } from "@/lib/session/next-path";
import { getSession } from "@/lib/session/session";

export const metadata: Metadata = { title: "Sign in" };

/** `?ended=N` after "Sign out everywhere": a small whole number, or nothing is shown. */
function endedCount(value: string | string[] | undefined): number | undefined {
  return typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : undefined;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; ended?: string | string[] }>;
}) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const ended = endedCount(params.ended);
  if (await getSession()) redirect(next);
  const config = getConfig();
  const platform = config.PLATFORM_URL ?? "the local platform";
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to DCE Token Console</h1>
      <p className="mt-2 mb-8 text-sm text-zinc-600 dark:text-zinc-400">
        Issue Direct Cluster Endpoint Tokens and see exactly what they grant.
        {config.localPlatform
          ? " The local platform printed the admin access key when it first started."
          : ""}
      </p>
      {ended !== undefined ? (
        <p role="status" className="mb-6 text-sm">
          Signed out of {ended} {ended === 1 ? "session" : "sessions"}.
        </p>
      ) : null}
      <SignInForm next={next} platform={platform} signIn={signIn} />
      <p className="mt-8 text-center text-sm">
        <Link href="/tokens/inspect" className="underline underline-offset-4">
          Inspect a token without signing in
        </Link>
      </p>
    </main>
  );
}
