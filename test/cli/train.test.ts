// `rapport train`, `--model`, per-source eval and explain's contributions: a train → eval round trip on a slice of the training corpus.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/sources/errors.js';
import { readModel } from '../../src/taggers/model.js';
import { renderSourceScores } from '../../src/train/render.js';
import { rapport, sampleHead, tempDir } from '../hostile/spawn.js';

const dir = tempDir();
// Every 25th exchange of the training corpus (fixtures/training, sorted by id, so every source is in it): conversations and labels.
const corpus = readFileSync('fixtures/training/corpus.ndjson', 'utf8').split('\n').filter((l, i) => l && i % 25 === 0);
const ids = new Set(corpus.map((l) => JSON.parse(l).conversation_id as string));
const labelLines = readFileSync('fixtures/training/labels.jsonl', 'utf8').split('\n').filter((l) => l && ids.has(JSON.parse(l).id));
const CORPUS = join(dir, 'corpus.ndjson');
const LABELS = join(dir, 'labels.jsonl');
writeFileSync(CORPUS, `${corpus.join('\n')}\n`);
writeFileSync(LABELS, `${labelLines.join('\n')}\n`);

const labelsOf = (ndjson: string, axis: string) => ndjson.trim().split('\n').map((l) => JSON.parse(l).labels[axis].label as string);

describe('rapport train', () => {
  const first = rapport(['train', '--gold', LABELS, CORPUS, '-o', join(dir, 'm1.json'), '-q']);
  const again = rapport(['train', '--gold', LABELS, CORPUS, '-o', join(dir, 'm2.json')]);

  it('writes a model and says what it was trained on', () => {
    expect(first).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(`rapport: ${join(dir, 'm2.json')}: model trained on ${labelLines.length} labelled exchanges\n`);
    const model = JSON.parse(readFileSync(join(dir, 'm1.json'), 'utf8'));
    expect(model).toMatchObject({ format: 'rapport-epic-model', version: 1, featureSet: 'epic-features-2', trainedOn: { exchanges: labelLines.length } });
    expect(Object.keys(model.heads)).toEqual(['experience', 'permission', 'involvement', 'conversation', 'relevance', 'utility', 'entertainment']);
  });

  it('is deterministic: the same labels and inputs give the same bytes', () => {
    expect(readFileSync(join(dir, 'm2.json'), 'utf8')).toBe(readFileSync(join(dir, 'm1.json'), 'utf8'));
  });

  it('cross-validates by thread, per source, with bootstrap intervals', () => {
    const { code, stdout } = rapport(['train', '--gold', LABELS, CORPUS, '--cv', '3', '-f', 'json', '-q']);
    expect(code).toBe(0);
    const cv = JSON.parse(stdout);
    expect(cv.folds).toBe(3);
    const all = cv.sources.find((s: { source: string }) => s.source === 'all');
    expect(all.exchanges).toBe(labelLines.length);
    for (const s of cv.sources) {
      for (const axis of ['experience', 'permission', 'involvement', 'conversation']) {
        const i = s.axes[axis];
        expect(i.low).toBeLessThanOrEqual(i.value);
        expect(i.value).toBeLessThanOrEqual(i.high);
      }
    }
    const table = renderSourceScores(cv.sources, '3-fold cross-validation by thread');
    expect(table).toMatch(/^3-fold cross-validation by thread: macro-F1 per axis, F1 per RUE flag \[90% bootstrap interval\]/);
    expect(table).toMatch(/│ all\s+│ \d+\s+│ \d\.\d\d \[\d\.\d\d–\d\.\d\d\]/);
  });

  it('is a usage error without -o or --cv, and when a labelled exchange is not in the inputs', () => {
    expect(rapport(['train', '--gold', LABELS, CORPUS])).toMatchObject({ code: 2, stdout: '' });
    const missing = join(dir, 'missing.jsonl');
    writeFileSync(missing, `${labelLines[0]}\n{"id":"nope","experience":"neutral","permission":"neutral","involvement":"low","conversation":"none"}\n`);
    const r = rapport(['train', '--gold', missing, CORPUS, '-o', join(dir, 'x.json'), '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rapport: ${missing}: 1 labelled exchange(s) not found in the inputs (first: nope); are the inputs the labelled threads?\n`);
  });
});

describe('--model', () => {
  // Labels that call every customer turn negative: a model trained on them labels more turns negative.
  const gloomy = join(dir, 'gloomy.jsonl');
  writeFileSync(gloomy, labelLines.map((l) => JSON.stringify({ ...JSON.parse(l), experience: 'negative' })).join('\n') + '\n');
  rapport(['train', '--gold', gloomy, CORPUS, '-o', join(dir, 'gloomy.json'), '-q']);

  const viaOption = rapport(['tag', CORPUS, '-q', '--model', join(dir, 'gloomy.json')]);

  it('labels with the model given instead of the built-in one', () => {
    const builtIn = labelsOf(rapport(['tag', CORPUS, '-q']).stdout, 'experience').filter((l) => l === 'negative').length;
    expect(viaOption.code).toBe(0);
    expect(labelsOf(viaOption.stdout, 'experience').filter((l) => l === 'negative').length).toBeGreaterThan(builtIn);
  });

  it('is read from the config file, relative to it', () => {
    writeFileSync(join(dir, 'rapport.config.json'), JSON.stringify({ model: 'gloomy.json' }));
    const viaConfig = rapport(['tag', CORPUS, '-q', '--config', join(dir, 'rapport.config.json')]);
    expect(viaConfig.stdout).toBe(viaOption.stdout);
  });

  it.each([
    ['not JSON', '{', 'not valid JSON: expected a model written by rapport train'],
    ['another file', '{"format":"something-else"}', 'not a rapport model (expected "format": "rapport-epic-model")'],
    ['another version', '{"format":"rapport-epic-model","version":2}', 'model version 2 is not supported (this rapport reads version 1; retrain with rapport train)'],
    ['other features', '{"format":"rapport-epic-model","version":1,"featureSet":"epic-features-1"}', 'model was trained on features "epic-features-1", this rapport computes "epic-features-2" (retrain with rapport train)'],
    ['a head missing', '{"format":"rapport-epic-model","version":1,"featureSet":"epic-features-2","heads":{}}', 'heads.experience is missing'],
  ])('refuses a model file that is %s, naming the file', (_, text, message) => {
    const path = join(dir, 'bad-model.json');
    writeFileSync(path, text);
    expect(() => readModel(path)).toThrow(new InputError(path, null, message));
  });

  it('refuses it through the binary in one line, exit 2, before reading any input', () => {
    const path = join(dir, 'old-model.json');
    writeFileSync(path, '{"format":"rapport-epic-model","version":2}');
    const message = 'model version 2 is not supported (this rapport reads version 1; retrain with rapport train)';
    expect(rapport(['analyze', 'no-such-input.csv', '-q', '--model', path])).toEqual({ code: 2, stdout: '', stderr: `rapport: ${path}: ${message}\n` });
  });

  it('refuses weights that are not numbers, naming the head and feature', () => {
    // Written as text: in an object literal `__proto__` would set the prototype, not a key.
    const text = readFileSync(join(dir, 'm1.json'), 'utf8').replace(/("permission": \{\n\s*"labels": .*\n\s*"bias": .*\n\s*"weights": \{)/, '$1\n"__proto__": ["x", 1, 2],');
    expect(text).toContain('"__proto__"');
    const path = join(dir, 'bad-weights.json');
    writeFileSync(path, text);
    expect(() => readModel(path)).toThrow(new InputError(path, null, 'heads.permission.weights["__proto__"] must be 3 numbers'));
  });
});

describe('rapport eval and explain with the learned decision', () => {
  it('eval prints macro-F1 per source with intervals', () => {
    const { code, stdout } = rapport(['eval', '--gold', LABELS, CORPUS, '-q', '--model', join(dir, 'm1.json')]);
    expect(code).toBe(0);
    expect(stdout).toContain('By source: macro-F1 per axis, F1 per RUE flag [90% bootstrap interval]');
    const json = JSON.parse(rapport(['eval', '--gold', LABELS, CORPUS, '-q', '-f', 'json']).stdout);
    expect(json.sources.map((s: { source: string }) => s.source)).toContain('all');
  });

  it('explain shows each label’s probabilities and the features that pushed it there', () => {
    const { code, stdout } = rapport(['explain', '8', sampleHead(), '-q']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/experience\s+negative \(-\d\.\d\d\)\n {4}probability positive \d\.\d\d · neutral \d\.\d\d · negative \d\.\d\d\n/);
    expect(stdout).toMatch(/ {4} \+\d\.\d\d {2}cue:experience\.complaint\.strong {2}“worst”/);
  });
});
