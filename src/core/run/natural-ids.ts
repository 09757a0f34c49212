/**
 * The natural ids a job has loaded, kept compactly: the duplicates policy needs every id ever loaded
 * (O(records) by design), and a JavaScript string in a Set costs 80–100 bytes per Salesforce id. Here
 * each id is a few bytes in one growing byte arena, found through an open-addressing hash table of
 * entry numbers, about 30 bytes per 18-character id.
 *
 * Each UTF-16 code unit is written as UTF-8 would write a code point of that value: one byte below
 * 0x80, two below 0x800, three otherwise. Unlike UTF-8 proper, this keeps lone surrogates (which
 * TextEncoder would turn into U+FFFD), so ids compare by exact string equality; and byte order is
 * code unit order, so sorting the bytes sorts as JavaScript sorts strings.
 *
 * One store serves a whole run: the state's ids (those loaded by earlier runs, and those written by
 * this one), the duplicates stage's note of the ids it passed in this run, and the output writer's
 * entry numbers. Only the kept ids (`add`) count in `size`, `has` and iteration; an id the duplicates
 * stage passed but that was never written (over the record limit, say) is not saved in the state.
 */

const KEPT = 1;
const IN_RUN = 2;
/** The entry has a content hash (see setContentHash). */
const HASHED = 4;
/** The id was kept when the run began: loaded by an earlier run, not written by this one. */
const BEFORE_RUN = 8;
/** The run wrote a document for the id (see noteWritten). */
const WRITTEN = 16;


/** How an id met the duplicates stage: first seen, loaded by an earlier run, or repeated in this run. */
export type RunSighting = 'first' | 'earlier' | 'repeat';

export class NaturalIds implements Iterable<string> {
  private bytes = new Uint8Array(1024);
  private used = 0;
  /** Entry i's bytes are bytes[starts[i]] up to bytes[starts[i + 1]]. */
  private starts = new Uint32Array(65);
  private hashes = new Uint32Array(64);
  private flags = new Uint8Array(64);
  /** A 64-bit content hash per entry, as two halves (see setContentHash). */
  private hashHigh = new Uint32Array(64);
  private hashLow = new Uint32Array(64);
  /** Entry number + 1 per slot; 0 is an empty slot. Kept at most half full, so probes stay short. */
  private slots = new Int32Array(128);
  private entries = 0;
  private kept = 0;
  /** The id being looked up, encoded. */
  private key = new Uint8Array(256);
  private keyLength = 0;

  static from(ids: Iterable<string>): NaturalIds {
    const store = new NaturalIds();
    for (const id of ids) store.add(id);
    return store;
  }

  /** How many ids are kept (loaded by earlier runs or written by this one). */
  get size(): number {
    return this.kept;
  }

  has(id: string): boolean {
    const entry = this.find(this.encode(id));
    return entry >= 0 && (this.flags[entry] & KEPT) !== 0;
  }

  add(id: string): this {
    const entry = this.intern(id);
    if ((this.flags[entry] & KEPT) === 0) {
      this.flags[entry] |= KEPT;
      this.kept++;
    }
    return this;
  }

  /** Forgets which ids the duplicates stage saw, so a new run starts with none, and notes which ids earlier runs loaded. */
  beginRun(): void {
    for (let entry = 0; entry < this.entries; entry++) {
      this.flags[entry] &= ~(IN_RUN | BEFORE_RUN | WRITTEN);
      if ((this.flags[entry] & KEPT) !== 0) this.flags[entry] |= BEFORE_RUN;
    }
  }

  /**
   * Notes an id an earlier run delivered, looked up in the saved state for the page about to be read
   * (see run-job.ts): a run's store then holds only the ids its own records name, not the job's history.
   */
  noteLoaded(id: string, hash: string | undefined): void {
    const entry = this.intern(id);
    if ((this.flags[entry] & KEPT) === 0) this.kept++;
    this.flags[entry] |= KEPT | BEFORE_RUN;
    if (hash !== undefined) this.setContentHash(id, hash);
  }

  /** True when the id was looked up or sighted in this store already. */
  known(id: string): boolean {
    return this.find(this.encode(id)) >= 0;
  }

  /** Keeps the id as one the run wrote a document for, with that document's content hash when it has one. */
  noteWritten(id: string, hash: string | undefined): void {
    this.add(id);
    const entry = this.intern(id);
    this.flags[entry] |= WRITTEN;
    if (hash !== undefined) this.setContentHash(id, hash);
  }

  /** The ids the run wrote documents for, each with its content hash: what the saved state gains. */
  *written(): Generator<[string, string | undefined]> {
    for (let entry = 0; entry < this.entries; entry++) if ((this.flags[entry] & WRITTEN) !== 0) yield [this.idAt(entry), this.hashAt(entry)];
  }

  /** True when an earlier run loaded the id (as of the last beginRun). */
  loadedBeforeRun(id: string): boolean {
    const entry = this.find(this.encode(id));
    return entry >= 0 && (this.flags[entry] & BEFORE_RUN) !== 0;
  }

  /**
   * Keeps the content hash of the id's delivered document: 16 hex digits (64 bits), so each costs 8
   * bytes rather than a string. Anything else clears it.
   */
  setContentHash(id: string, hash: string | undefined): void {
    const entry = this.intern(id);
    if (hash === undefined || !/^[0-9a-f]{16}$/.test(hash)) {
      this.flags[entry] &= ~HASHED;
      return;
    }
    this.hashHigh[entry] = Number.parseInt(hash.slice(0, 8), 16);
    this.hashLow[entry] = Number.parseInt(hash.slice(8), 16);
    this.flags[entry] |= HASHED;
  }

  contentHashOf(id: string): string | undefined {
    const entry = this.find(this.encode(id));
    return entry >= 0 ? this.hashAt(entry) : undefined;
  }

  private hashAt(entry: number): string | undefined {
    if ((this.flags[entry] & HASHED) === 0) return undefined;
    return this.hashHigh[entry].toString(16).padStart(8, '0') + this.hashLow[entry].toString(16).padStart(8, '0');
  }

  /** Notes that the duplicates stage saw the id in this run, and says how it had been seen before. */
  sightInRun(id: string): RunSighting {
    const entry = this.intern(id);
    const before = this.flags[entry];
    this.flags[entry] = before | IN_RUN;
    return (before & IN_RUN) !== 0 ? 'repeat' : (before & KEPT) !== 0 ? 'earlier' : 'first';
  }

  /** A small number standing for the id, the same for every lookup of it, below the count of distinct ids seen. */
  entryOf(id: string): number {
    return this.intern(id);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let entry = 0; entry < this.entries; entry++) if ((this.flags[entry] & KEPT) !== 0) yield this.idAt(entry);
  }

  /** The kept ids in the order of JavaScript's default sort (UTF-16 code units), without holding them all as strings at once. */
  *sorted(): Generator<string> {
    for (const [id] of this.sortedWithHashes()) yield id;
  }

  /** The kept ids as sorted() gives them, each with its content hash when it has one. */
  *sortedWithHashes(): Generator<[string, string | undefined]> {
    const order = new Uint32Array(this.kept);
    let count = 0;
    for (let entry = 0; entry < this.entries; entry++) if ((this.flags[entry] & KEPT) !== 0) order[count++] = entry;
    order.sort((a, b) => this.compare(a, b));
    for (const entry of order) yield [this.idAt(entry), this.hashAt(entry)];
  }

  private idAt(entry: number): string {
    const bytes = this.bytes;
    const end = this.starts[entry + 1];
    const units: number[] = [];
    for (let index = this.starts[entry]; index < end; ) {
      const first = bytes[index];
      if (first < 0x80) {
        units.push(first);
        index += 1;
      } else if (first < 0xe0) {
        units.push(((first & 0x1f) << 6) | (bytes[index + 1] & 0x3f));
        index += 2;
      } else {
        units.push(((first & 0x0f) << 12) | ((bytes[index + 1] & 0x3f) << 6) | (bytes[index + 2] & 0x3f));
        index += 3;
      }
    }
    // In slices, since an argument list has a length limit and an id may be long.
    let text = '';
    for (let at = 0; at < units.length; at += 4096) text += String.fromCharCode(...units.slice(at, at + 4096));
    return text;
  }

  private compare(a: number, b: number): number {
    const bytes = this.bytes;
    let i = this.starts[a];
    let j = this.starts[b];
    const endA = this.starts[a + 1];
    const endB = this.starts[b + 1];
    for (; i < endA && j < endB; i++, j++) if (bytes[i] !== bytes[j]) return bytes[i] - bytes[j];
    return endA - i - (endB - j);
  }

  /** Writes the id into `key` and returns its hash (FNV-1a over the bytes). */
  private encode(id: string): number {
    if (this.key.length < id.length * 3) this.key = new Uint8Array(id.length * 3);
    const key = this.key;
    let length = 0;
    let hash = 0x811c9dc5;
    for (let index = 0; index < id.length; index++) {
      const unit = id.charCodeAt(index);
      if (unit < 0x80) {
        key[length++] = unit;
        hash = Math.imul(hash ^ unit, 0x01000193);
        continue;
      }
      const start = length;
      if (unit < 0x800) {
        key[length++] = 0xc0 | (unit >> 6);
      } else {
        key[length++] = 0xe0 | (unit >> 12);
        key[length++] = 0x80 | ((unit >> 6) & 0x3f);
      }
      key[length++] = 0x80 | (unit & 0x3f);
      for (let at = start; at < length; at++) hash = Math.imul(hash ^ key[at], 0x01000193);
    }
    this.keyLength = length;
    return hash >>> 0;
  }

  /** The entry holding the encoded key, or -1. */
  private find(hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot];
      if (held === 0) return -1;
      if (this.hashes[held - 1] === hash && this.holdsKey(held - 1)) return held - 1;
    }
  }

  private holdsKey(entry: number): boolean {
    const start = this.starts[entry];
    if (this.starts[entry + 1] - start !== this.keyLength) return false;
    for (let index = 0; index < this.keyLength; index++) if (this.bytes[start + index] !== this.key[index]) return false;
    return true;
  }

  private intern(id: string): number {
    const hash = this.encode(id);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot];
      if (held === 0) break;
      if (this.hashes[held - 1] === hash && this.holdsKey(held - 1)) return held - 1;
    }
    const entry = this.entries;
    this.reserve(this.keyLength);
    this.bytes.set(this.key.subarray(0, this.keyLength), this.used);
    this.used += this.keyLength;
    this.hashes[entry] = hash;
    this.flags[entry] = 0;
    this.starts[entry + 1] = this.used;
    this.entries++;
    this.slots[slot] = entry + 1;
    if (this.entries * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return entry;
  }

  private reserve(length: number): void {
    if (this.used + length > this.bytes.length) this.bytes = grown(this.bytes, Math.max(Math.ceil(this.bytes.length * 1.5), this.used + length));
    if (this.entries === this.hashes.length) {
      const capacity = this.hashes.length * 2;
      this.hashes = grown(this.hashes, capacity);
      this.flags = grown(this.flags, capacity);
      this.hashHigh = grown(this.hashHigh, capacity);
      this.hashLow = grown(this.hashLow, capacity);
      this.starts = grown(this.starts, capacity + 1);
    }
  }

  private rehash(capacity: number): void {
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let entry = 0; entry < this.entries; entry++) {
      let slot = this.hashes[entry] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

function grown<T extends Uint8Array | Uint32Array>(array: T, capacity: number): T {
  const copy = new (array.constructor as new (length: number) => T)(capacity);
  copy.set(array);
  return copy;
}
