import type { Ctx } from "./types";

/** True when the request asks for a server-side dry run (`dryRun=All`). */
export const isDryRun = (ctx: Ctx) => ctx.url.searchParams.getAll("dryRun").includes("All");

/** Thrown inside a transaction to roll a dry run back while keeping its result. */
class DryRun<T> extends Error {
  constructor(readonly result: T) {
    super("dry run");
  }
}

/** Runs a write in one transaction; with dryRun=All it is rolled back and its result returned. */
export function write<T>(ctx: Ctx, fn: () => T): T {
  const dry = isDryRun(ctx);
  try {
    return ctx.platform.store.transaction(() => {
      const result = fn();
      if (dry) throw new DryRun(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.result as T;
    throw error;
  }
}
