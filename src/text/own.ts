// Strings a large run keeps, copied out of the read buffers they were cut from.
import { floats, IdIndex } from '../storage/growing.js';

/**
 * A flat copy of a string. Strings cut from a CSV chunk are slices that keep the whole 64 KB chunk
 * alive (in two bytes per character once the chunk held an emoji); a copy holds only itself, in one
 * byte per character when it can.
 */
export function own(s: string): string {
  if (s === '') return s;
  // UTF-8 cannot hold a lone surrogate (it would come back as U+FFFD): JSON escapes it.
  if (LONE_SURROGATE.test(s)) return JSON.parse(JSON.stringify(s)) as string;
  // Short cuts are copies already, but in two bytes per character when their chunk was: copy them too.
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** A high surrogate not followed by a low one, or a low one not after a high one. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Strings stored once (copied with `own`), by number. */
export class Names {
  readonly ids = new Map<string, number>();
  readonly list: string[] = [];
  of(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      const kept = own(s);
      id = this.list.length;
      this.list.push(kept);
      this.ids.set(kept, id);
    }
    return id;
  }
}

/** Ids that survive a round trip through a double unchanged ("0", "115712"; not "007" or "1e3"). */
export const PLAIN_INTEGER = /^(?:0|[1-9]\d{0,14})$/;

/**
 * Names stored once, by number, for the one set that grows with the input: customers. Twitter exports
 * name customers by numeric author id; those go to a typed-array table (about 30 bytes each) instead
 * of a Map and a string (about 100).
 */
export class CustomerNames {
  private readonly numeric = new IdIndex();
  private readonly text = new Map<string, number>();
  /** Per id: the name as a number, or NaN when it is kept as text. */
  private readonly numbers = floats(1024);
  private readonly texts = new Map<number, string>();

  get size(): number {
    return this.numbers.length;
  }

  of(name: string): number {
    if (PLAIN_INTEGER.test(name)) {
      const n = Number(name);
      let id = this.numeric.get(n);
      if (id === undefined) {
        id = this.numbers.length;
        this.numbers.push(n);
        this.numeric.set(n, id);
      }
      return id;
    }
    let id = this.text.get(name);
    if (id === undefined) {
      id = this.numbers.length;
      this.numbers.push(Number.NaN);
      const kept = own(name);
      this.text.set(kept, id);
      this.texts.set(id, kept);
    }
    return id;
  }

  name(id: number): string {
    const n = this.numbers.data[id]!;
    return Number.isNaN(n) ? this.texts.get(id)! : String(n);
  }
}
