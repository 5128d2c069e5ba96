// The code's layers point down: a file imports only from its own layer or a lower one, and no files import each other in a cycle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Lowest first; README "How it works" lists the same. A folder (or top-level file) per layer, some layers hold two. */
export const LAYERS: readonly (readonly string[])[] = [
  ['model', 'version'],
  ['storage'],
  ['text'],
  ['score'],
  ['nlp'],
  ['sources'],
  ['normalize'],
  ['taggers'],
  ['topics'],
  ['report'],
  ['redact'],
  ['pipeline', 'workers'],
  ['config'],
  ['eval', 'train'],
  ['cli'],
];

const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** `report/build.ts` → `report`; `pipeline.ts` → `pipeline`. */
function layerName(path: string): string {
  const rel = relative(SRC, path);
  const first = rel.split(/[\\/]/)[0]!;
  return first.replace(/\.ts$/, '');
}

const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/g)].map((m) => normalize(join(dirname(path), m[1]!)).replace(/\.js$/, '.ts'));
}

describe('layers', () => {
  const all = files(SRC);

  it('every source file belongs to a listed layer', () => {
    expect(all.map(layerName).filter((l) => !rank.has(l))).toEqual([]);
  });

  it('no file imports from a higher layer', () => {
    const upward = all.flatMap((path) =>
      imports(path)
        .filter((target) => target.endsWith('.ts'))
        .filter((target) => rank.get(layerName(target))! > rank.get(layerName(path))!)
        .map((target) => `${relative(SRC, path)} → ${relative(SRC, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it('no import cycle between files', () => {
    const graph = new Map(all.map((p) => [p, imports(p).filter((t) => t.endsWith('.ts'))]));
    const state = new Map<string, 1 | 2>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      state.set(node, 1);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 1) cycles.push([...path.slice(path.indexOf(next)), next].map((p) => relative(SRC, p)).join(' → '));
        else if (!state.has(next)) visit(next, [...path, next]);
      }
      state.set(node, 2);
    };
    for (const node of all) if (!state.has(node)) visit(node, [node]);
    expect(cycles).toEqual([]);
  });
});
