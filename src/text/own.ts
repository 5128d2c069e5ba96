// Strings a large run keeps, copied out of the read buffers they were cut from.
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
