// A KeyValueCache bounded in approximate bytes, for the gateway's parsed-document and
// query-plan stores: least recently used entries go first, so a stream of unique operations
// cannot grow the process. Sized as Apollo's own InMemoryLRUCache sizes entries.
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { LRUCache } from 'lru-cache';

export class BoundedCache<V extends object> implements KeyValueCache<V> {
  readonly #lru: LRUCache<string, V>;

  constructor(maxBytes: number) {
    this.#lru = new LRUCache<string, V>({ maxSize: maxBytes, sizeCalculation: (value) => Math.max(1, Buffer.byteLength(JSON.stringify(value), 'utf8')) });
  }

  /** Approximate bytes held now. */
  get size(): number {
    return this.#lru.calculatedSize;
  }

  async get(key: string): Promise<V | undefined> {
    return this.#lru.get(key);
  }

  async set(key: string, value: V): Promise<void> {
    this.#lru.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.#lru.delete(key);
  }

  clear(): void {
    this.#lru.clear();
  }
}
