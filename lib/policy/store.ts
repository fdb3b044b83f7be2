import crypto from "node:crypto";
import * as z from "zod/mini";
import type { StoreDb } from "@/lib/store/store-db";
import { IssuancePolicy, OPEN_POLICY } from "./policy";

/** The policy in force and its version (0 until an admin first saves one). */
export interface StoredPolicy {
  policy: IssuancePolicy;
  version: number;
  updatedAt: number | null;
  updatedBy: string | null;
}

const CURRENT = "current";

/**
 * A stored document. Rules this release does not know are left out (a newer replica wrote them); a
 * document that cannot be read at all stops issuing rather than letting everything through.
 */
function parsePolicy(document: string): IssuancePolicy {
  let value: unknown;
  try {
    value = JSON.parse(document);
  } catch {
    value = undefined;
  }
  const parsed = z.safeParse(IssuancePolicy, value);
  if (!parsed.success)
    throw new Error(
      "The issuance policy in the console store cannot be read; nothing is issued until an admin saves it again.",
    );
  return parsed.data;
}

/** The policy in force. */
export async function readPolicy(db: StoreDb): Promise<StoredPolicy> {
  const row = await db
    .selectFrom("policy")
    .selectAll()
    .where("id", "=", CURRENT)
    .executeTakeFirst();
  if (!row) return { policy: OPEN_POLICY, version: 0, updatedAt: null, updatedBy: null };
  return {
    policy: parsePolicy(row.document),
    version: Number(row.version),
    updatedAt: Number(row.updated_at),
    updatedBy: row.updated_by,
  };
}

export type SaveOutcome = { saved: true; version: number } | { saved: false; current: number };

/**
 * Saves a new policy made from `version` (the one the admin was shown), with its change record, in
 * one transaction. Refused when someone saved in between: nobody overwrites a change unseen.
 */
export async function savePolicy(
  db: StoreDb,
  input: { policy: IssuancePolicy; basedOn: number; by: string },
  now = Date.now(),
): Promise<SaveOutcome> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("policy")
      .selectAll()
      .where("id", "=", CURRENT)
      .executeTakeFirst();
    const current = row ? Number(row.version) : 0;
    if (current !== input.basedOn) return { saved: false, current };
    const version = current + 1;
    const document = JSON.stringify(input.policy);
    // Written only if still at the version read: of two admins saving at once, one wins.
    const written = row
      ? Number(
          (
            await tx
              .updateTable("policy")
              .set({ document, version, updated_at: now, updated_by: input.by })
              .where("id", "=", CURRENT)
              .where("version", "=", current)
              .executeTakeFirst()
          ).numUpdatedRows,
        )
      : Number(
          (
            await tx
              .insertInto("policy")
              .values({ id: CURRENT, document, version, updated_at: now, updated_by: input.by })
              .onConflict((oc) => oc.column("id").doNothing())
              .executeTakeFirst()
          ).numInsertedOrUpdatedRows ?? 0n,
        );
    if (written !== 1) return { saved: false, current: current + 1 };
    await tx
      .insertInto("policy_changes")
      .values({
        id: crypto.randomUUID(),
        at: now,
        principal: input.by,
        version,
        before: row ? row.document : null,
        after: document,
      })
      .execute();
    return { saved: true, version };
  });
}

/** One saved change, for the Policy page and the audit. */
export interface PolicyChange {
  id: string;
  at: number;
  principal: string;
  version: number;
  before: IssuancePolicy | null;
  after: IssuancePolicy;
}

/** The latest `limit` changes, newest first. */
export async function policyChanges(db: StoreDb, limit: number): Promise<PolicyChange[]> {
  const rows = await db
    .selectFrom("policy_changes")
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: Number(row.at),
    principal: row.principal,
    version: Number(row.version),
    before: row.before === null ? null : parsePolicy(row.before),
    after: parsePolicy(row.after),
  }));
}
