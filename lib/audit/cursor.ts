import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";

/*
 * The audit's keyset cursors: an event's place in the timeline, (time, type rank, id), as an opaque
 * URL-safe string, and the condition that selects what lies beyond one.
 */

/** Where an event stands in the timeline: its time, its type's rank, its id. */
export type Key = [at: number, rank: number, id: string];

export const encodeCursor = (key: Key) => Buffer.from(JSON.stringify(key)).toString("base64url");

export function decodeCursor(cursor: string | undefined): Key | undefined {
  if (!cursor) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(v) &&
      v.length === 3 &&
      Number.isSafeInteger(v[0]) &&
      Number.isInteger(v[1]) &&
      typeof v[2] === "string"
    )
      return [v[0], v[1], v[2]];
  } catch {
    // a bad cursor reads as none: the newest page
  }
  return undefined;
}

export type Direction = "older" | "newer";

/**
 * Rows of the source of `rank` beyond `cursor` in `direction`, as a condition on its time and id
 * columns: at the cursor's time, a source ranked below the cursor's lies wholly beyond it when going
 * older (above it, going newer). Written as a bound on time AND the tie-break, so each engine reads
 * it as a range on the (time, id) index rather than a scan.
 */
export function beyond<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: { at: string; id: string },
  rank: number,
  [at, cursorRank, id]: Key,
  direction: Direction,
): Expression<SqlBool> {
  const time = sql.ref<number>(columns.at);
  const past = direction === "older" ? "<" : ">";
  const pastOrAt = direction === "older" ? "<=" : ">=";
  if (rank !== cursorRank)
    return eb(time, (direction === "older") === rank < cursorRank ? pastOrAt : past, at);
  return eb.and([
    eb(time, pastOrAt, at),
    eb.or([eb(time, past, at), eb(sql.ref<string>(columns.id), past, id)]),
  ]);
}
