import { describe, expect, it } from 'vitest';
import { diffTopics } from '../../src/report/diff.js';
import { diffMarkdown } from '../../src/report/reporters/diff.js';
import { diffReports } from '../../src/report/diff.js';
import type { Report } from '../../src/report/types.js';
import type { Topic } from '../../src/topics/build.js';
import { sampleReport } from './sample-report.js';

const topic = (term: string, exchanges: number, negativeShare = 0.5): Topic => ({
  term, exchanges, customers: exchanges, negativeShare, replyRate: 1, responseMedian: 60, related: [], weeks: [], quotes: [],
});
const withTopics = (topics: Topic[]): Report => ({ ...sampleReport(), voice: { exchanges: 10, topics, requests: [], complaints: [], praise: [] } });

describe('topics week over week', () => {
  const before = withTopics([topic('delivery', 5), topic('refund', 4), topic('app', 2)]);
  const after = withTopics([topic('delivery', 9, 0.8), topic('app', 2), topic('battery life', 3)]);

  it('says which topics appeared, grew, fell, stayed or went', () => {
    expect(diffTopics(before, after).map((t) => [t.term, t.status, t.exchanges.before, t.exchanges.after])).toEqual([
      ['battery life', 'new', null, 3],
      ['delivery', 'grew', 5, 9],
      ['refund', 'gone', 4, null],
      ['app', 'same', 2, 2],
    ]);
  });

  it('lists the moved topics in the Markdown diff', () => {
    const md = diffMarkdown(diffReports(before, after));
    expect(md).toContain('## Topics');
    expect(md).toContain('| battery life | new | 0 → 3 |');
    expect(md).toContain('| delivery | grew | 5 → 9 |');
    expect(md).not.toContain('| app |');
  });

  it('calls a topic missing from a full (cut) top 10 "not in the earlier top 10", not new, and its count unknown', () => {
    const ten = (extra: Topic[]) => withTopics([...Array.from({ length: 10 }, (_, i) => topic(`t${i}`, 30 - i)), ...extra]);
    const full = ten([]);
    const later = withTopics([topic('money', 13), ...Array.from({ length: 9 }, (_, i) => topic(`t${i}`, 30 - i))]);
    const changes = diffTopics(full, later);
    expect(changes.find((t) => t.term === 'money')).toMatchObject({ status: 'unlisted-before', exchanges: { before: null, after: 13 } });
    expect(changes.find((t) => t.term === 't9')).toMatchObject({ status: 'unlisted-after' });
    const md = diffMarkdown(diffReports(full, later));
    expect(md).toContain('| money | not in the earlier top 10 | ? → 13 |');
    expect(md).toContain('| t9 | not in the later top 10 | 21 → ? |');
  });

  it('is empty when the reports have no voice section', () => {
    expect(diffTopics(sampleReport(), sampleReport())).toEqual([]);
  });
});
