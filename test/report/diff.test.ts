import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/report/diff.js';
import { arrow, diffMarkdown, diffTable, scoreChange } from '../../src/report/reporters/diff.js';
import type { Report } from '../../src/report/types.js';
import { sampleReport } from './sample-report.js';

/** Last week: healthier, AcmeHelp better, thread 200 not yet at risk, a thread 300 at risk that is gone now. */
function lastWeek(): Report {
  const r = sampleReport();
  r.health.score = 70;
  r.axes = { ...r.axes, experience: { ...r.axes.experience!, value: 60 } };
  r.brands = [{ ...r.brands[0]!, health: 80 }];
  const gone = { ...r.atRisk.items[1]!, key: '300', thread: '300', time: '2017-09-20T09:00:00.000Z' };
  r.atRisk = { threads: 2, customers: 1, items: [r.atRisk.items[0]!, gone, r.atRisk.items[2]!] };
  return r;
}

describe('diffReports', () => {
  const diff = diffReports(lastWeek(), sampleReport());

  it('compares health and every axis, with the change', () => {
    expect(diff.health).toEqual({ before: 70, after: 61.5, delta: -8.5 });
    expect(diff.axes.experience).toEqual({ before: 60, after: 48, delta: -12 });
    expect(diff.axes.permission.delta).toBe(0);
  });

  it('matches groups by key per grouping, marking new and gone groups', () => {
    expect(diff.groupings.map((g) => g.by)).toEqual(['week', 'agent', 'brand']);
    const rows = diff.groupings[2]!.rows;
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['AcmeHelp', 'both'],
      ['Evil|Brand\u001b[31m', 'new'],
    ]);
    expect(rows[0]!.health).toEqual({ before: 80, after: 72.25, delta: -7.75 });
  });

  it('lists new at-risk items, resolved ones, and ones that only left the scope', () => {
    expect(diff.atRisk.new.map((i) => i.key)).toEqual(['200']);
    // 300 is before the later report's --since: not resolved, just out of scope.
    expect(diff.atRisk.resolved).toEqual([]);
    expect(diff.atRisk.unlisted.map((i) => i.key)).toEqual(['300']);
    const unscoped = sampleReport();
    unscoped.scope.since = null;
    expect(diffReports(lastWeek(), unscoped).atRisk.resolved.map((i) => i.key)).toEqual(['300']);
  });

  it('does not call every item new against a schema 1 report', () => {
    const old = { ...lastWeek(), schemaVersion: 1 };
    const d = diffReports(old, sampleReport());
    expect(d.atRisk).toEqual({ comparable: false, new: [], resolved: [], unlisted: [] });
    expect(diffMarkdown(d)).toContain('A schema 1 report has no at-risk list');
  });

  it('renders arrows in Markdown and a terminal table of 80 columns', () => {
    expect(arrow({ before: 1, after: 2, delta: 1 })).toBe('↑');
    expect(scoreChange({ before: 70, after: 61.5, delta: -8.5 })).toBe('70.0 → 61.5 ↓8.5');
    expect(scoreChange({ before: 75, after: 75, delta: 0 })).toBe('75.0 → 75.0 →');
    const md = diffMarkdown(diff);
    expect(md).toContain('**Health 70.0 → 61.5 ↓8.5**');
    expect(md).toContain('| AcmeHelp | 3 → 3 | 80.0 → 72.3 ↓7.8 |');
    expect(md).toContain('| Evil\\|Brand (new) |');
    expect(md).toContain('## New at risk (1)');
    expect(md).toContain('## No longer listed (out of the later scope or below its cut) (1)');
    const table = diffTable(diff, { color: false });
    expect(table).toContain('New at risk: 1');
    expect(table).not.toContain('\u001b');
    for (const line of table.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });
});
