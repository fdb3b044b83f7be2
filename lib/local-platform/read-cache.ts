import type { Store } from "./store";

/**
 * Values read from the platform database, kept while the database has not changed: each use first
 * compares the store's change stamp (`Store.changedSince`: this connection's own writes, and commits by
 * any other connection through `PRAGMA data_version`) with the one the entries were read under, and
 * drops them all when it moved. A value is therefore never older than the last commit, whoever made
 * it. At most `capacity` entries; past that the cache starts over.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, V>();
  private stamp = { dataVersion: -1, writes: -1 };

  constructor(
    private readonly store: Store,
    private readonly capacity = 1000,
  ) {}

  /**
   * The value cached for `key`, else `read()` (cached when defined). `read` must only read the
   * database, synchronously, so no write can fall between the check and the caching.
   */
  get(key: string, read: () => V | undefined): V | undefined {
    if (this.store.changedSince(this.stamp)) {
      this.entries.clear();
      this.stamp = this.store.changeStamp();
    }
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const value = read();
    if (value !== undefined) {
      if (this.entries.size >= this.capacity) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }
}
