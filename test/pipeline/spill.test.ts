import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Spill } from '../../src/pipeline/spill.js';

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
