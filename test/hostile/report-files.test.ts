// Issue 18: report files given to diff/--baseline and tag records given to report are untrusted input: checked
// against the shape rapport writes, one line naming the file and the field, exit 2; the config used is recorded.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReportFile } from '../../src/cli/report-file.js';
import { parseConfig } from '../../src/config.js';
import { diffReports } from '../../src/report/diff.js';
import { diffMarkdown, diffTable } from '../../src/report/reporters/diff.js';
import { InputError } from '../../src/sources/errors.js';
import { fuzz } from './fuzz.js';
import { REPORT_SHAPE } from '../../src/report/report-shape.js';
import { shapeError } from '../../src/report/shape.js';
import { sampleReport } from '../report/sample-report.js';
import { rapport, tempDir, writeTwcs } from './spawn.js';

const dir = tempDir();
const input = join(dir, 'tweets.csv');
writeTwcs(input, [
  '1,jane,True,Tue Oct 31 10:00:00 +0000 2017,"@AcmeHelp my order is late, terrible",2,',
  '2,AcmeHelp,False,Tue Oct 31 10:05:00 +0000 2017,"@jane Sorry! DM us",,1',
]);
const good = join(dir, 'good.json');
const made = rapport(['analyze', input, '-f', 'json', '-o', good, '--by', 'brand', '-q']);
const report = () => JSON.parse(readFileSync(good, 'utf8'));

describe('shapeError', () => {
  it('accepts what rapport writes, and names the first field that does not fit', () => {
    expect(made.code).toBe(0);
    expect(shapeError(report(), REPORT_SHAPE)).toBeNull();
    expect(shapeError(sampleReport(), REPORT_SHAPE)).toBeNull();
    const r = sampleReport() as unknown as { groupings: { rows: { health: unknown }[] }[] };
    r.groupings[0]!.rows[1]!.health = '12';
    expect(shapeError(r, REPORT_SHAPE)).toBe('field groupings[0].rows[1].health: expected a number or null, not the string "12"');
  });

  it('walks the shape, not the value: 100,000 levels deep cost nothing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const r = { ...sampleReport(), health: deep };
    expect(shapeError(r, REPORT_SHAPE)).toBe('field health.score: missing (expected a number or null)');
  });
});

describe('rapport diff and --baseline on broken report files', () => {
  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  it.each([
    ['a string score', () => ({ ...report(), health: { ...report().health, score: 'high' } }), 'field health.score: expected a number or null, not the string "high"'],
    ['an unknown schemaVersion', () => ({ ...report(), schemaVersion: 99 }), 'report schemaVersion 99: this rapport reads schemas 1–4 (written by a newer rapport?)'],
    ['__proto__ as a grouping', () => ({ ...report(), groupings: [{ by: '__proto__', sort: 'volume', rows: [] }] }), 'field groupings[0].by: expected one of "brand"'],
    ['a row key that is a number', () => ({ ...report(), brands: [{ ...report().brands[0], key: 5 }] }), 'field brands[0].key: expected a string, not number 5'],
    ['JSON nested 100,000 deep', () => `{"schemaVersion":2,"health":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)},"service":{}}`, 'field tool: missing'],
    ['a list nested 100,000 deep', () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'not a rapport JSON report (no schemaVersion, health or service)'],
  ])('%s: one line naming the file and the field, exit 2', (name, make, message) => {
    const path = write('bad.json', make());
    // Each case through one of the three readers (before, after, --baseline): they share the check.
    const readers = [['diff', path, good, '-f', 'markdown'], ['diff', good, path, '-f', 'table'], ['analyze', input, '--baseline', path, '-f', 'json', '-q']];
    for (const args of [readers[name.length % 3]!]) {
      const { code, stdout, stderr } = rapport(args);
      expect(code, stderr).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`rapport: ${path}: `);
      expect(stderr).toContain(message);
      expect(stderr).not.toContain('internal error');
    }
  });

  it('still reads a schema 2 report (last week, before the config field)', () => {
    const old = report();
    old.schemaVersion = 2;
    delete old.config;
    const { code, stderr } = rapport(['diff', write('old.json', old), good, '-f', 'markdown']);
    expect(code, stderr).toBe(0);
  });
});

describe('rapport report on broken tag records', () => {
  const line = JSON.parse(rapport(['tag', input, '-q']).stdout.split('\n')[0]!);
  it.each([
    ['__proto__ as a label', { ...line, labels: { ...line.labels, experience: { ...line.labels.experience, label: '__proto__' } } }, 'field labels.experience.label: expected one of "positive", "neutral", "negative"'],
    ['constructor as a label', { ...line, labels: { ...line.labels, permission: { ...line.labels.permission, label: 'constructor' } } }, 'field labels.permission.label'],
    ['a string score', { ...line, labels: { ...line.labels, involvement: { ...line.labels.involvement, score: '1' } } }, 'field labels.involvement.score: expected a number'],
    ['a turn without text', { ...line, extra: { ...line.extra, turns: { ...line.extra.turns, customer: [{ author: 'x' }] } } }, 'field extra.turns.customer[0].brand: missing'],
  ])('%s: one line naming the file, line and field, exit 2', (_name, record, message) => {
    const path = join(dir, 'bad.ndjson');
    writeFileSync(path, `${JSON.stringify(line)}\n${JSON.stringify(record)}\n`);
    const { code, stderr } = rapport(['report', path, '-f', 'json']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`rapport: ${path}:2: not a \`rapport tag\` record: ${message}`);
  });
});

describe('the config a report was made with', () => {
  it('is named on stderr, recorded in the JSON report (path, sha256) and shown at the top of Markdown and the table', () => {
    const project = join(dir, 'project');
    const deeper = join(project, 'a', 'b');
    mkdirSync(deeper, { recursive: true });
    const text = '{"health": {"weights": {"experience": 1, "conversation": 0, "permission": 0, "involvement": 0}}}';
    const configPath = join(project, 'rapport.config.json');
    writeFileSync(configPath, text);
    const sha256 = createHash('sha256').update(text).digest('hex');
    const run = (format: string) => rapport(['analyze', input, '-f', format], undefined, {}, deeper);
    const json = run('json');
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toContain(`rapport: settings from ${configPath} (found upwards from here; --config names another)`);
    expect(JSON.parse(json.stdout).config).toEqual({ path: configPath, sha256 });
    expect(run('markdown').stdout).toContain(`· **config** ${configPath.replace(/_/g, '\\_')} (sha256 ${sha256.slice(0, 12)})`);
    expect(run('table').stdout).toMatch(new RegExp(`^Config (…)?\\S*/project/rapport\\.config\\.json \\(sha256 ${sha256.slice(0, 12)}\\)$`, 'm'));
    // Without a config the field is null and nothing is shown.
    const none = JSON.parse(rapport(['analyze', input, '-f', 'json', '-q']).stdout);
    expect(none.config).toBeNull();
  });
});

describe('broken report files and configs, property-based', () => {
  // Any value at any path of a good report, or any JSON as a config: a one-line InputError or a result, never a crash.
  const KEYS = ['__proto__', 'constructor', 'prototype', 'health', 'score', 'rows', 'by', 'key', 'items', 'lexicons', 'experience', 'add', 'remove', 'source', 'weights', 'values'];
  const anyJson = fc.oneof(
    fc.constantFrom(null, true, 0, -1, 1e308, '', 'x', '__proto__', [], {}),
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  );

  /** Every path to a value inside a JSON value, breadth-first, at most `limit`. */
  function paths(value: unknown, limit = 2000): (string | number)[][] {
    const out: (string | number)[][] = [];
    const queue: [unknown, (string | number)[]][] = [[value, []]];
    while (queue.length && out.length < limit) {
      const [v, path] = queue.shift()!;
      out.push(path);
      if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) queue.push([child, [...path, Array.isArray(v) ? Number(k) : k]]);
    }
    return out;
  }

  it('diffReports never throws on a report that passed the check', () => {
    const base = sampleReport();
    const all = paths(base);
    const path = join(dir, 'mutated.json');
    fc.assert(
      fc.property(fc.nat(all.length - 1), anyJson, (at, replacement) => {
        const r = JSON.parse(JSON.stringify(base)) as Record<string | number, unknown>;
        const p = all[at]!;
        if (!p.length) return;
        let parent: Record<string | number, unknown> = r;
        for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        parent[p[p.length - 1]!] = replacement;
        writeFileSync(path, JSON.stringify(r));
        let read: ReturnType<typeof readReportFile>;
        try {
          read = readReportFile(path);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).not.toContain('\n');
          return;
        }
        const diff = diffReports(read, sampleReport());
        diffMarkdown(diff);
        diffTable(diff);
      }),
      fuzz(300),
    );
  });

  it('parseConfig throws only InputError, in one line', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('source', 'health', 'lexicons', 'redact', 'model', '__proto__'), anyJson, { maxKeys: 3 }), (config) => {
        try {
          parseConfig('c.json', JSON.stringify(config));
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).toMatch(/^c\.json(:\d+)?: [^\n]+$/);
        }
      }),
      fuzz(1000),
    );
  });
});
