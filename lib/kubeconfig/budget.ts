/**
 * The most platform requests one resolution of a scope into targets may make (every HTTP request
 * counts, each page of a paged list included). Pure: the source pays from it before each request,
 * and the resolver reports what was spent.
 */
export const MAX_PLATFORM_REQUESTS = 300;

/** Thrown instead of making a request once the resolution's budget is spent. */
export class BudgetSpent extends Error {
  override name = "BudgetSpent";
}

export class RequestBudget {
  used = 0;
  /** True once a request was refused: something the scope names was not read. */
  exhausted = false;

  constructor(readonly limit: number = MAX_PLATFORM_REQUESTS) {}

  /** Takes one request from the budget, or throws BudgetSpent (and no request is made). */
  spend(): void {
    if (this.used >= this.limit) {
      this.exhausted = true;
      throw new BudgetSpent(`Stopped after ${this.limit} platform requests.`);
    }
    this.used++;
  }

  /** Runs `request` once a request is paid for. */
  async pay<T>(request: () => Promise<T>): Promise<T> {
    this.spend();
    return request();
  }

  get summary(): { limit: number; used: number; exhausted: boolean } {
    return { limit: this.limit, used: this.used, exhausted: this.exhausted };
  }
}

const LISTS_AT_MOST = 5;

/**
 * The note of a resolution that ran out of requests: where it stopped, which scope entries it did
 * not resolve in whole or in part (`entries`, as entryRanges writes them), which lists it did not
 * read, and how many listed targets' direct endpoints it did not read.
 */
export function budgetNote(
  limit: number,
  unread: { entries: string; lists: readonly string[]; endpoints: number },
): string {
  let note = `Stopped after ${limit} platform requests, the most one listing may make.`;
  if (unread.entries) note += ` Not resolved, in whole or in part: ${unread.entries}.`;
  if (unread.lists.length) {
    const more = unread.lists.length - LISTS_AT_MOST;
    note += ` Not listed: ${unread.lists.slice(0, LISTS_AT_MOST).join("; ")}`;
    note += more > 0 ? `; and ${more} more.` : ".";
  }
  if (unread.endpoints)
    note += ` The direct endpoint of ${unread.endpoints} listed ${
      unread.endpoints === 1 ? "target was" : "targets were"
    } not read.`;
  return note;
}
