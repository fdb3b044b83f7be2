"use client";

import { useActionState, useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SignInAction, SignInState } from "@/lib/session/sign-in-state";

/** The sign-in form; `signIn` is the page's server action. */
export function SignInForm({
  next,
  platform,
  signIn,
}: {
  next: string;
  platform: string;
  signIn: SignInAction;
}) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, undefined);
  const fieldError = state?.field === "accessKey" ? state.error : undefined;
  const field = useRef<HTMLInputElement>(null);
  // A rejected key leaves the focus at the field (the disabled button would otherwise drop it).
  useEffect(() => {
    if (state?.field === "accessKey") field.current?.focus();
  }, [state]);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <Label htmlFor="accessKey">Access key</Label>
        <Input
          ref={field}
          id="accessKey"
          name="accessKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          required
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "accessKey-error" : "accessKey-hint"}
        />
        <FieldError id="accessKey-error" message={fieldError} />
        {!fieldError ? (
          <Hint id="accessKey-hint">
            Your own access key on {platform}. Tokens are issued with your rights.
          </Hint>
        ) : null}
      </div>
      {state?.error && !fieldError ? (
        <Alert tone="error" role="alert">
          {state.error}
        </Alert>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
