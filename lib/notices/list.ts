import "server-only";
import type { Selectable } from "kysely";
import type { StoreDb } from "@/lib/store/store-db";
import type {
  NoticeAttemptsTable,
  NoticeEvent,
  NoticeOutcome,
  NoticesTable,
} from "@/lib/store/schema";
import type { NoticeEntry } from "./message";

/** The outbox as admins read it: notices newest first, each with every attempt made for it. */

/**
 * delivered; dropped (never to be sent); sending (held under a live lease); pending (not yet tried);
 * retrying (tried and failed, due again at `nextAttemptAt`).
 */
export type NoticeState = "delivered" | "dropped" | "sending" | "pending" | "retrying";

export interface NoticeAttemptView {
  number: number;
  worker: string;
  startedAt: number;
  finishedAt: number | null;
  outcome: NoticeOutcome;
  httpStatus: number | null;
  error: string | null;
  durationMs: number | null;
}

export interface NoticeView {
  id: string;
  entryId: string;
  event: NoticeEvent;
  threshold: number;
  /** The entry as it was when the notice was made; null if that record is unreadable. */
  entry: NoticeEntry | null;
  createdAt: number;
  state: NoticeState;
  nextAttemptAt: number | null;
  claimedUntil: number | null;
  deliveredAt: number | null;
  droppedAt: number | null;
  lastError: string | null;
  attempts: NoticeAttemptView[];
}

export interface NoticePage {
  notices: NoticeView[];
  /** Opaque cursor for the next (older) page, when there is one. */
  next?: string;
}

export function noticeState(
  row: Pick<Selectable<NoticesTable>, "delivered_at" | "dropped_at" | "claimed_until" | "attempts">,
  now: number,
): NoticeState {
  if (row.delivered_at !== null) return "delivered";
  if (row.dropped_at !== null) return "dropped";
  if (row.claimed_until !== null && Number(row.claimed_until) > now) return "sending";
  return Number(row.attempts) === 0 ? "pending" : "retrying";
}

function readEntry(payload: string): NoticeEntry | null {
  try {
    return JSON.parse(payload) as NoticeEntry;
  } catch {
    return null;
  }
}

const num = (v: number | null) => (v === null ? null : Number(v));

function attemptView(row: Selectable<NoticeAttemptsTable>): NoticeAttemptView {
  return {
    number: Number(row.number),
    worker: row.worker,
    startedAt: Number(row.started_at),
    finishedAt: num(row.finished_at),
    outcome: row.outcome,
    httpStatus: num(row.http_status),
    error: row.error,
    durationMs: num(row.duration_ms),
  };
}

const encodeCursor = (n: NoticeView) =>
  Buffer.from(JSON.stringify([n.createdAt, n.id])).toString("base64url");

function decodeCursor(cursor: string | undefined): [number, string] | undefined {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && typeof v[1] === "string")
      return [v[0], v[1]];
  } catch {
    // fall through: a bad cursor starts from the newest notice
  }
  return undefined;
}

/** One page of notices, newest first (keyset on created_at, id), with their attempts. */
export async function listNotices(
  db: StoreDb,
  { limit = 50, cursor, now = Date.now() }: { limit?: number; cursor?: string; now?: number } = {},
): Promise<NoticePage> {
  let q = db.selectFrom("notices").selectAll();
  const after = decodeCursor(cursor);
  if (after) {
    const [createdAt, id] = after;
    q = q.where((eb) =>
      eb.or([
        eb("created_at", "<", createdAt),
        eb.and([eb("created_at", "=", createdAt), eb("id", "<", id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const attempts = shown.length
    ? await db
        .selectFrom("notice_attempts")
        .selectAll()
        .where(
          "notice_id",
          "in",
          shown.map((r) => r.id),
        )
        .orderBy("notice_id")
        .orderBy("number")
        .execute()
    : [];
  const notices = shown.map((row): NoticeView => ({
    id: row.id,
    entryId: row.entry_id,
    event: row.event,
    threshold: Number(row.threshold),
    entry: readEntry(row.payload),
    createdAt: Number(row.created_at),
    state: noticeState(row, now),
    nextAttemptAt: num(row.next_attempt_at),
    claimedUntil: num(row.claimed_until),
    deliveredAt: num(row.delivered_at),
    droppedAt: num(row.dropped_at),
    lastError: row.last_error,
    attempts: attempts.filter((a) => a.notice_id === row.id).map(attemptView),
  }));
  const last = notices.at(-1);
  return { notices, next: rows.length > limit && last ? encodeCursor(last) : undefined };
}
