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

  it('reports a --config that does not exist', () => {
    expect(() => loadConfig('/nonexistent/rapport.config.json')).toThrow(/no such config file/);
  });
});
