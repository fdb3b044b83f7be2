"use client";

import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { keysHref } from "@/lib/access-keys/filter";

/**
 * "Show sign-in and reset keys (N)": the keys the platform makes itself when someone signs in,
 * resets a password or signs in through OIDC. The choice lives in the URL (`?show=all`).
 */
export function SignInKeysFilter({ showAll, count }: { showAll: boolean; count: number }) {
  const router = useRouter();
  const [checked, setChecked] = useOptimistic(showAll);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <label className="inline-flex items-center gap-2">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => {
            const next = event.target.checked;
            startTransition(() => {
              setChecked(next);
              router.replace(keysHref({ showAll: next }), { scroll: false });
            });
          }}
          className="size-4"
        />
        Show sign-in and reset keys ({count})
      </label>
      <span role="status" aria-live="polite" className="text-zinc-600 dark:text-zinc-400">
        {pending ? "Updating the list…" : ""}
      </span>
    </div>
  );
}
