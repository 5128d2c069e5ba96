// The script-count file `rapport shard` writes and `rapport tag --scripts` reads: the reduce step's side input.
import { FILE_CAPS, readTextCapped } from '../sources/text-file.js';
import { InputError } from '../sources/errors.js';

/** Format marker and version of the file. */
const KIND = 'rapport-scripts/1';

/**
 * Only keys sent at least twice are written (plus '', which every customer message has): a key missing
 * from the file was sent once in the whole input, which is what the shard holding it counts anyway.
 */
export function scriptsFile(counts: ReadonlyMap<string, number>): string {
  const kept = [...counts].filter(([key, n]) => n >= 2 || key === '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify({ kind: KIND, counts: Object.fromEntries(kept) })}\n`;
}

export function readScripts(path: string): Map<string, number> {
  let value: { kind?: unknown; counts?: unknown };
  const text = readTextCapped(path, FILE_CAPS.counts, 'a script counts file');
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(path, null, `cannot read script counts: ${(error as Error).message.split('\n')[0]}`);
  }
  if (value?.kind !== KIND || typeof value.counts !== 'object' || value.counts === null) throw new InputError(path, null, `not a ${KIND} file written by rapport shard`);
  return new Map(Object.entries(value.counts as Record<string, number>));
}
