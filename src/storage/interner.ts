// Strings to dense numbers and back, on typed arrays: the ids, thread keys and names a large run must know.

/**
 * Interns strings: each distinct string gets the next number (0, 1, 2…) and can be read back. The
 * strings are kept once, UTF-8 in one growing byte buffer, behind an open-addressing table at most half
 * full: about 12 bytes a string plus its bytes, where a Map of strings takes 60–80 (and a string sliced
 * from a parsed record can hold its whole chunk alive).
 */
export class Interner {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /** Per number: where its bytes start (its end is the next one's start). */
  private starts = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 12);
  /** Slot → number + 1 (0: empty). */
  private table = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  private count = 0;
  private scratch = Buffer.allocUnsafe(256);

  /** Strings interned. */
  get size(): number {
    return this.count;
  }

  /** Bytes held (buffer and tables), for memory accounting. */
  get byteLength(): number {
    return this.bytes.length + 4 * (this.starts.length + this.hashes.length + this.table.length);
  }

  /** The number of `text`, interning it if new. */
  intern(text: string): number {
    return this.find(text, true);
  }

  /** The number of `text`, or -1 when it was never interned. */
  lookup(text: string): number {
    return this.find(text, false);
  }

  /** The string of a number. */
  get(n: number): string {
    if (!(n >= 0 && n < this.count)) throw new RangeError(`no interned string ${n}`);
    return this.bytes.toString('utf8', this.starts[n]!, n + 1 < this.count ? this.starts[n + 1]! : this.used);
  }

  private find(text: string, add: boolean): number {
    const need = 3 * text.length;
    if (this.scratch.length < need) this.scratch = Buffer.allocUnsafe(Math.max(need, 2 * this.scratch.length));
    const length = this.scratch.write(text, 0, 'utf8');
    const scratch = this.scratch;
    let h = 0x811c9dc5 ^ length;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ scratch[i]!, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    let slot = h & this.mask;
    for (let v = this.table[slot]!; v !== 0; v = this.table[slot]!) {
      const n = v - 1;
      if (this.hashes[n] === h && this.same(n, length)) return n;
      slot = (slot + 1) & this.mask;
    }
    if (!add) return -1;
    const n = this.count;
    this.store(length, h);
    this.table[slot] = n + 1;
    if (2 * this.count > this.table.length) this.rehash();
    return n;
  }

  /** Whether number `n`'s bytes are the first `length` bytes of the scratch buffer. */
  private same(n: number, length: number): boolean {
    const start = this.starts[n]!;
    const end = n + 1 < this.count ? this.starts[n + 1]! : this.used;
    if (end - start !== length) return false;
    return this.bytes.compare(this.scratch, 0, length, start, end) === 0;
  }

  private store(length: number, h: number): void {
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.used + length));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.scratch.copy(this.bytes, this.used, 0, length);
    if (this.count === this.starts.length) {
      const starts = new Int32Array(2 * this.count);
      starts.set(this.starts);
      this.starts = starts;
      const hashes = new Int32Array(2 * this.count);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.starts[this.count] = this.used;
    this.hashes[this.count] = h;
    this.used += length;
    this.count++;
  }

  private rehash(): void {
    this.table = new Int32Array(2 * this.table.length);
    this.mask = this.table.length - 1;
    for (let n = 0; n < this.count; n++) {
      let slot = this.hashes[n]! & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = n + 1;
    }
  }
}

/** Prefixes an IdTable codes: beyond this many, ids with a new prefix are kept whole. */
const MAX_PREFIXES = 4096;
/** Shorter prefixes are not worth a code. */
const MIN_PREFIX = 12;

/**
 * Message ids interned with their long shared prefixes coded: ids an adapter makes up (`path/to/export.csv:0000017`)
 * or exports write (`<123.456@mail.example.com>`-style hosts aside) repeat a long head before a short tail.
 * The head up to the last `:` or `/`, when long enough, is kept once and the id stored as its code and the
 * tail. Lossless: `get` gives the id back byte for byte, and one id always gets one number.
 */
export class IdTable {
  private readonly ids = new Interner();
  private readonly prefixes = new Map<string, number>();
  private readonly prefixList: string[] = [];

  get size(): number {
    return this.ids.size;
  }

  intern(id: string): number {
    return this.ids.intern(this.encode(id));
  }

  get(n: number): string {
    const key = this.ids.get(n);
    const c = key.charCodeAt(0);
    if (c === 0) return this.prefixList[key.charCodeAt(1)]! + key.slice(2);
    return c === 1 ? key.slice(1) : key;
  }

  private encode(id: string): string {
    const c = id.charCodeAt(0);
    const cut = Math.max(id.lastIndexOf(':'), id.lastIndexOf('/')) + 1;
    if (cut >= MIN_PREFIX) {
      const head = id.slice(0, cut);
      let code = this.prefixes.get(head);
      if (code === undefined && this.prefixList.length < MAX_PREFIXES) {
        code = this.prefixList.length;
        this.prefixes.set(head, code);
        this.prefixList.push(head);
      }
      if (code !== undefined) return `\u0000${String.fromCharCode(code)}${id.slice(cut)}`;
    }
    // An id that itself starts with a code's marker is escaped, so no two ids share a key.
    return c === 0 || c === 1 ? `\u0001${id}` : id;
  }
}
