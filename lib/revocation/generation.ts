import { ManagementError } from "@/lib/management/errors";

/**
 * Revoking a user's tokens the only way the platform offers: raising `User.spec.tokenGeneration`
 * (absent = 0). Tokens carry the generation they were issued under as `loft.sh.gen` (absent = 0);
 * one below the user's current value is refused. Teams have no such field. Pure: the platform calls
 * are passed in, so this runs the same against a real platform, the local one, or a test double.
 */

/** What the signed-in principal's token generation is, or why it is not known. */
export type OwnGeneration =
  | { state: "user"; user: string; generation: number; resourceVersion?: string }
  | { state: "team"; team: string }
  | { state: "unreadable"; user: string; error: ManagementError };

/** `spec.tokenGeneration` as a number: absent = 0; anything but a whole number ≥ 0 is undefined. */
export function tokenGenerationOf(spec: { tokenGeneration?: unknown } | undefined) {
  const gen = spec?.tokenGeneration;
  if (gen === undefined || gen === null) return 0;
  return typeof gen === "number" && Number.isSafeInteger(gen) && gen >= 0 ? gen : undefined;
}

/** A token's `loft.sh.gen` as a number: absent = 0 (omitempty); undefined when not a whole number. */
export function tokenGenOf(gen: unknown): number | undefined {
  if (gen === undefined || gen === null) return 0;
  const n = typeof gen === "string" && /^\d+$/.test(gen) ? Number(gen) : gen;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** What `GET /api/tokens/generation` answers: the signed-in principal's token generation. */
export type GenerationAnswer =
  | { kind: "User"; user: string; tokenGeneration: number }
  /** Unknown: the user object could not be read (`reason` says why), or a team (which has none). */
  | { kind: "User" | "Team"; user: string; tokenGeneration: null; reason: string };

/** The answer of `GET /api/tokens/generation` for what was read. */
export function generationAnswerOf(own: OwnGeneration): GenerationAnswer {
  if (own.state === "user")
    return { kind: "User", user: own.user, tokenGeneration: own.generation };
  if (own.state === "team")
    return {
      kind: "Team",
      user: own.team,
      tokenGeneration: null,
      reason: "teams have no token generation",
    };
  return { kind: "User", user: own.user, tokenGeneration: null, reason: own.error.message };
}

export interface RaiseDeps {
  /** Reads the principal's current generation (and the object's resourceVersion). */
  read(): Promise<OwnGeneration>;
  /** Raises it from `from` to `from + 1`; answers the user object as stored. */
  raise(
    user: string,
    from: number,
    resourceVersion: string | undefined,
  ): Promise<{ spec?: { tokenGeneration?: unknown } }>;
}

export type RaiseOutcome =
  | { ok: true; user: string; from: number; to: number }
  | { ok: false; why: "team"; team: string }
  | { ok: false; why: "unreadable"; user: string; error: ManagementError }
  /** The platform refused the change (403): nothing changed. */
  | { ok: false; why: "forbidden"; user: string; error: ManagementError }
  /** The object changed between read and write twice in a row (409 both times). */
  | { ok: false; why: "conflict"; user: string; error: ManagementError }
  | { ok: false; why: "failed"; user: string; error: ManagementError };

/**
 * Reads the current generation and raises it by one, guarded by the object's resourceVersion; a
 * 409 Conflict (someone changed the user in between) is read and tried once more.
 */
export async function raiseOwnGeneration(deps: RaiseDeps): Promise<RaiseOutcome> {
  for (let attempt = 0; ; attempt++) {
    const own = await deps.read();
    if (own.state === "team") return { ok: false, why: "team", team: own.team };
    if (own.state === "unreadable") return { ok: false, why: "unreadable", ...own };
    const { user, generation: from } = own;
    try {
      const stored = await deps.raise(user, from, own.resourceVersion);
      // The stored value when the platform says it, at least the one asked for.
      const to = Math.max(tokenGenerationOf(stored.spec) ?? from + 1, from + 1);
      return { ok: true, user, from, to };
    } catch (error) {
      if (!(error instanceof ManagementError)) throw error;
      if (error.code === 409 && attempt === 0) continue;
      const why = error.code === 403 ? "forbidden" : error.code === 409 ? "conflict" : "failed";
      return { ok: false, why, user, error };
    }
  }
}
