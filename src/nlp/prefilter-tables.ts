// The built-in cue lists' prefilter tables, made once by `npm run build` and read back at start-up.
// Building a prefilter (reading every cue for its literals, then the automaton) took about 0.15 s of CPU,
// a third of each tagging start; the tables load in a few milliseconds. A table is used only for the
// exact cue list and prefilter code it was made from (its key hashes both), so a config's own lexicons,
// an edited lexicon or a changed prefilter.ts without a rebuild are built as before, never read stale.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CompiledCue } from './cues.js';

/** What a prefilter computes from its cue list, beyond compiling each alternative's regular expression. */
export interface PrefilterTables {
  /** Per alternative (in the prefilter's order): its literals, or null (the cue always runs). */
  literals: (string[] | null)[];
  symbols: Uint16Array;
  width: number;
  delta: Int32Array;
  outStart: Int32Array;
  outAlternatives: Uint16Array;
}

/** The tables file, beside the built prefilter module. */
export const TABLES_FILE = 'prefilter-tables.bin.gz';

const cache = new Map<string, { source: string; tables: Map<string, PrefilterTables> }>();

/** This file's own code: the tables' format is part of their key too. */
let ownSource: string | undefined;

/** The key of a cue list's tables: the code that builds and stores them and everything of the cues it reads. */
export function tablesKey(cues: readonly CompiledCue[], moduleUrl: string): string {
  const hash = createHash('sha256');
  hash.update(moduleSource(moduleUrl));
  hash.update((ownSource ??= readFileSync(fileURLToPath(import.meta.url), 'utf8')));
  hash.update(JSON.stringify(cues.map((c) => [c.regex.source, c.regex.flags, c.patterns ?? null, c.fastRegex?.flags ?? null])));
  return hash.digest('hex');
}

function moduleSource(moduleUrl: string): string {
  let entry = cache.get(moduleUrl);
  if (!entry) cache.set(moduleUrl, (entry = { source: readFileSync(fileURLToPath(moduleUrl), 'utf8'), tables: readTables(moduleUrl) }));
  return entry.source;
}

const ARRAYS = ['symbols', 'delta', 'outStart', 'outAlternatives'] as const;
const KINDS = { symbols: Uint16Array, delta: Int32Array, outStart: Int32Array, outAlternatives: Uint16Array };

/** The file's tables by key; none when it is missing or unreadable (the prefilters are then built). */
function readTables(moduleUrl: string): Map<string, PrefilterTables> {
  const tables = new Map<string, PrefilterTables>();
  try {
    readInto(tables, gunzipSync(readFileSync(fileURLToPath(new URL(TABLES_FILE, moduleUrl)))));
  } catch {
    // Missing, or not a file this code wrote: every prefilter is built.
    tables.clear();
  }
  return tables;
}

function readInto(tables: Map<string, PrefilterTables>, buffer: Buffer): void {
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as { key: string; width: number; literals: (string[] | null)[]; arrays: Record<(typeof ARRAYS)[number], [number, number]> }[];
  const body = 4 + headerLength;
  for (const h of header) {
    const arrays = Object.fromEntries(
      ARRAYS.map((name) => {
        const [offset, bytes] = h.arrays[name];
        // A copy, aligned for its element size.
        const copy = new Uint8Array(bytes);
        copy.set(buffer.subarray(body + offset, body + offset + bytes));
        return [name, new KINDS[name](copy.buffer)];
      }),
    ) as Pick<PrefilterTables, (typeof ARRAYS)[number]>;
    tables.set(h.key, { literals: h.literals, width: h.width, ...arrays });
  }
}

/** The shipped tables of this cue list, or undefined. */
export function shippedTables(cues: readonly CompiledCue[], moduleUrl: string): PrefilterTables | undefined {
  const key = tablesKey(cues, moduleUrl);
  return cache.get(moduleUrl)!.tables.get(key);
}

/** Writes the tables of these cue lists beside the prefilter module (the build's last step). */
export function writeTables(lists: { key: string; tables: PrefilterTables }[], moduleUrl: string): string {
  const blobs: Buffer[] = [];
  let offset = 0;
  const header = lists.map(({ key, tables }) => {
    const arrays = Object.fromEntries(
      ARRAYS.map((name) => {
        const array = tables[name];
        blobs.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
        const entry = [offset, array.byteLength];
        offset += array.byteLength;
        return [name, entry];
      }),
    );
    return { key, width: tables.width, literals: tables.literals, arrays };
  });
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length, 0);
  const path = fileURLToPath(new URL(TABLES_FILE, moduleUrl));
  writeFileSync(path, gzipSync(Buffer.concat([length, json, ...blobs]), { level: 9 }));
  return path;
}
