/**
 * A memo for values that are costly to compute and cheap to keep: computed once per key, and
 * emptied whole when it reaches `limit` entries, so a long-running server stays small.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: () => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      value = compute();
      this.entries.set(key, value);
    }
    return value;
  }
}
