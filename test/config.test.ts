import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, loadConfig, parseConfig } from '../src/config.js';

describe('config', () => {
  it('is found by walking up from the working directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'rapport-config-'));
    writeFileSync(join(root, 'rapport.config.json'), '{"redact": true}');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    expect(findConfig(join(root, 'a', 'b'))).toBe(join(root, 'rapport.config.json'));
    expect(loadConfig(join(root, 'rapport.config.json')).config).toEqual({ redact: true });
  });

  it('names the file and line of invalid JSON, and unknown settings', () => {
    expect(() => parseConfig('c.json', '{\n  "a": 1,\n}')).toThrow(/^c\.json:3: not valid JSON \(Expected double-quoted property name\)$/);
    expect(() => parseConfig('c.json', '{\n  "redact": tru\n}')).toThrow(/^c\.json: not valid JSON \(Unexpected token ' '\)$/);
    expect(() => parseConfig('c.json', '{"colour": 1}')).toThrow(/c\.json: unknown setting "colour"/);
    expect(() => parseConfig('c.json', '[]')).toThrow(/expected a JSON object/);
  });

  it('checks the source section: known keys, strings, lists and a column map', () => {
    expect(parseConfig('c.json', '{"source": {"kind": "csv", "map": {"text": "body"}, "brand": ["Acme"], "brandDomain": ["acme.example"], "timeFormat": "DD/MM/YYYY", "timezone": "UTC"}}').source?.map).toEqual({ text: 'body' });
    expect(() => parseConfig('c.json', '{"source": {"brands": ["Acme"]}}')).toThrow(/c\.json: unknown setting "source\.brands"/);
    expect(() => parseConfig('c.json', '{"source": {"brand": "Acme"}}')).toThrow(/source\.brand: expected a list of strings/);
    expect(() => parseConfig('c.json', '{"source": {"map": {"text": 3}}}')).toThrow(/source\.map: expected an object of field: column names/);
  });

  // Issue 18: wrong types and prototype names are one line naming the file and the setting, never an internal error.
  it.each([
    ['{"lexicons": {"experience": {"remove": 5}}}', 'c.json: lexicons.experience.remove must be a list of cue ids, not 5'],
    ['{"lexicons": {"experience": {"add": {}}}}', 'c.json: lexicons.experience.add must be a list of cues, not {}'],
    ['{"lexicons": {"experience": {"remove": [1]}}}', 'c.json: lexicons.experience.remove must be a list of cue ids, not [1]'],
    ['{"lexicons": {"experience": 5}}', 'c.json: lexicons.experience must be an object with "add" and/or "remove"'],
    ['{"lexicons": {"experience": {"drop": []}}}', 'c.json: lexicons.experience.drop: unknown setting (known: add, remove)'],
    ['{"lexicons": []}', 'c.json: "lexicons" must be an object of lexicon names'],
    ['{"lexicons": {"__proto__": {"add": []}}}', 'c.json: lexicons.__proto__: no such lexicon (known: experience, permission, involvement, conversation, rue)'],
    ['{"lexicons": {"constructor": {}}}', 'c.json: lexicons.constructor: no such lexicon (known: experience, permission, involvement, conversation, rue)'],
    ['{"__proto__": {"redact": true}}', 'c.json: unknown setting "__proto__" (known: source, health, lexicons, redact, model)'],
    ['{"source": {"constructor": "x"}}', 'c.json: unknown setting "source.constructor" (known: kind, map, brand, brandDomain, timeFormat, timezone)'],
    ['{"health": {"weights": {"__proto__": 1}}}', 'c.json: unknown axis "health.weights.__proto__" (known: experience, permission, involvement, conversation)'],
    ['{"health": {"values": {"experience": {"constructor": 1}}}}', 'c.json: unknown label "health.values.experience.constructor" (known: positive, neutral, negative)'],
  ])('rejects %s in one line', (text, message) => {
    expect(() => parseConfig('c.json', text)).toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it('records the SHA-256 of the file it loaded', () => {
    const root = mkdtempSync(join(tmpdir(), 'rapport-config-'));
    writeFileSync(join(root, 'rapport.config.json'), '{"redact": true}');
    expect(loadConfig(join(root, 'rapport.config.json')).sha256).toBe(createHash('sha256').update('{"redact": true}').digest('hex'));
  });

  it('reports a --config that does not exist', () => {
    expect(() => loadConfig('/nonexistent/rapport.config.json')).toThrow(/no such config file/);
  });
});
