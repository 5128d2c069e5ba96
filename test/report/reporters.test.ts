import { describe, expect, it } from 'vitest';
import { jsonReporter } from '../../src/report/reporters/json.js';
import { markdownReporter } from '../../src/report/reporters/markdown.js';
import { tableReporter } from '../../src/report/reporters/table.js';
import { formatDuration, healthBar } from '../../src/report/format.js';
import { sampleReport } from './sample-report.js';

describe('table reporter', () => {
  const text = tableReporter(sampleReport(), { color: false });

  it('shows health, totals, axes, service measures, accounts and cues', () => {
    expect(text).toContain('Relationship health 61.5 / 100');
    expect(text).toContain('11 messages · 3 threads · 5 exchanges · 3 customers\n2 brand accounts · 1 agents · 12 records read, 1 rejected');
    expect(text).toMatch(/experience\s+48\.0\s+positive 20% · neutral 40% · negative 40%/);
    expect(text).toContain('Reply rate 80% (4/5) · first response median 10m, p90 2.0h');
    expect(text).toMatch(/AcmeHelp\s+3\s+72\.3/);
    expect(text).toMatch(/experience\.effort\.waiting\s+2\s+on hold for 2 hours/);
    expect(text).toContain('1 records rejected: bad-time 1');
    expect(text).toContain('health = 100 ×');
  });

  it('fits 80 columns', () => {
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('strips escape sequences that came from the data, and adds no colour unless asked', () => {
    expect(text).not.toContain('\u001b');
    expect(tableReporter(sampleReport(), { color: true })).toContain('\u001b[');
  });
});

describe('markdown reporter', () => {
  const text = markdownReporter(sampleReport());

  it('renders GitHub tables with health, axes, accounts, cues, inputs and the formula', () => {
    expect(text).toContain('**Health 61.5 / 100** over 5 exchanges');
    expect(text).toContain('| experience | 48.0 | positive 20% · neutral 40% · negative 40% |');
    expect(text).toContain('| AcmeHelp | 3 | 72.3 | 48.0 | 80.0 | 70.0 | 61.0 | 80% | 10m | 2.0h |');
    expect(text).toContain('| export.csv | twcs | 12 | 11 | 1 |');
    expect(text).toContain('**1 records rejected**: bad-time 1');
    expect(text).toContain('health = 100 ×');
  });

  it('escapes table and markup characters from the data', () => {
    expect(text).toContain('| Evil\\|Brand |');
  });
});

describe('json reporter', () => {
  it('is the report object, pretty-printed, ending in a newline', () => {
    const text = jsonReporter(sampleReport());
    expect(JSON.parse(text)).toEqual(sampleReport());
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('format helpers', () => {
  it.each([
    [null, '—'],
    [42, '42s'],
    [600, '10m'],
    [7200, '2.0h'],
    [86400 * 3, '3.0d'],
    [-90, '-2m'],
  ])('formatDuration(%s) = %s', (s, text) => expect(formatDuration(s)).toBe(text));

  it('draws a health bar', () => {
    expect(healthBar(50)).toBe('█████░░░░░');
    expect(healthBar(null)).toBe('          ');
  });
});
