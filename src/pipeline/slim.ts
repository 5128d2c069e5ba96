// Strings a large run keeps, copied out of the read buffers they were cut from.
/**
 * A flat copy of a string. Strings cut from a CSV chunk are slices that keep the whole 64 KB chunk
 * alive (in two bytes per character once the chunk held an emoji); a copy holds only itself, in one
 * byte per character when it can.
 */
export function own(s: string): string {
  // Short cuts are copies already, but in two bytes per character when their chunk was: copy them too.
  return s === '' ? s : Buffer.from(s, 'utf8').toString('utf8');
}
