import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../src/storage/growing.js';
import { Spill } from '../../src/storage/spill.js';
import { CustomerNames } from '../../src/text/own.js';

const spillDirs = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('rapport-spill-'));

describe('Spill', () => {
  it('reads back what it stored, from the buffer and from the file, in any order', () => {
    const before = spillDirs().length;
    const spill = new Spill(64);
    const texts = ['', 'plain', 'emoji 😀 and ü', 'x'.repeat(200), ...Array.from({ length: 300 }, (_, i) => `record ${i} ${'é'.repeat(i % 17)}`)];
    const handles = texts.map((t) => spill.add(t));
    expect(spill.size).toBe(texts.length);
    // The temporary file is unlinked while open: nothing of it shows in the temp dir.
    expect(spillDirs().length).toBe(before);
    for (const i of [...handles.keys()].reverse()) expect(spill.get(handles[i]!)).toBe(texts[i]);
    spill.add('after reading');
    expect(spill.get(texts.length)).toBe('after reading');
    spill.close();
    expect(() => spill.get(0)).toThrow(RangeError);
  });

  it('keeps a small store in memory', () => {
    const spill = new Spill();
    const h = spill.add('only one');
    expect(spill.get(h)).toBe('only one');
    expect((spill as unknown as { fd: number | null }).fd).toBeNull();
    spill.close();
  });
});

describe('IdIndex', () => {
  it('maps safe-integer ids to positions as a Map does, through growth', () => {
    const index = new IdIndex();
    const map = new Map<number, number>();
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 200_000; i++) {
      // Twitter-sized ids, small ones, negatives, neighbours and repeats.
      const id = [Math.floor(random() * 2 ** 53), i, -i, 1e12 + (i % 5000), Number.MAX_SAFE_INTEGER - i][i % 5]!;
      index.set(id, i);
      map.set(id, i);
    }
    expect(index.size).toBe(map.size);
    for (const [id, i] of map) expect(index.get(id)).toBe(i);
    expect(index.has(0.5)).toBe(false);
  });
});

describe('CustomerNames', () => {
  it('numbers each name once, numeric or not, and gives it back unchanged', () => {
    const names = new CustomerNames();
    const list = ['115712', '0', '007', '7', 'AppleSupport', '1e3', '9007199254740993', 'x\ud800y', '115712', '7', 'AppleSupport'];
    const ids = list.map((n) => names.of(n));
    expect(names.size).toBe(8);
    expect(ids[8]).toBe(ids[0]);
    expect(ids[9]).toBe(ids[3]);
    expect(ids[10]).toBe(ids[4]);
    expect(new Set(ids.slice(0, 8)).size).toBe(8);
    list.forEach((n, i) => expect(names.name(ids[i]!)).toBe(n));
  });
});
