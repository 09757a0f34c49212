/**
 * Bounded memory for work that depends on a piece of text (a query, a pattern, a whole job file) and
 * on the identity of an object it was done against (describe data). Editing a job re-validates it on
 * every keystroke, and most keystrokes leave the query, the patterns and the other files as they were:
 * remembering the results by text makes those parts free, and the bound keeps a long editing session
 * from holding every version of every file.
 */

/** A least-recently-used map: past `capacity` entries, the one used longest ago is forgotten. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order, so moving a used entry to the end keeps the oldest first.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * An LRU cache per object, for results that depend on both a text and an object the caller treats as a
 * snapshot (describe data is replaced, never changed in place, when it is refreshed). Results for an
 * object nobody holds any more go with it; `undefined` stands for "no object".
 */
export class LruByObject<V> {
  private readonly byObject = new WeakMap<object, LruCache<string, V>>();
  private readonly withoutObject: LruCache<string, V>;

  constructor(readonly capacity: number) {
    this.withoutObject = new LruCache(capacity);
  }

  cacheFor(owner: object | undefined): LruCache<string, V> {
    if (owner === undefined) return this.withoutObject;
    let cache = this.byObject.get(owner);
    if (!cache) {
      cache = new LruCache(this.capacity);
      this.byObject.set(owner, cache);
    }
    return cache;
  }
}
