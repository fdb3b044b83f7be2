import * as z from "zod/mini";
import { MAX_SCOPE_ENTRIES } from "./constants";
import { AccessKeyScope } from "./schema";

/**
 * The console's limit on how long a scope's lists may be, for what the console itself takes in: the
 * issue action and builder form (IssueTokenRequest, request.ts) and the targets route. A platform
 * sets no such limit, so the schemas the local platform shares (schema.ts) do not carry it.
 */
const LISTS = ["projects", "spaces", "virtualClusters", "clusters", "roles", "rules"] as const;

/** Each list of `scope` longer than MAX_SCOPE_ENTRIES, with the message that says so. */
export function oversizedLists(scope: AccessKeyScope) {
  const found: { list: (typeof LISTS)[number]; message: string }[] = [];
  for (const list of LISTS) {
    const length = scope[list]?.length ?? 0;
    if (length > MAX_SCOPE_ENTRIES)
      found.push({
        list,
        message: `At most ${MAX_SCOPE_ENTRIES} ${list} entries; this scope has ${length}.`,
      });
  }
  return found;
}

/** An AccessKeyScope within the console's list limit. */
export const ConsoleScope = AccessKeyScope.check(
  z.superRefine((scope, ctx) => {
    for (const { list, message } of oversizedLists(scope))
      ctx.addIssue({ code: "custom", path: [list], message });
  }),
);
