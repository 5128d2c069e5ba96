// Week over week: two reports compared per group, axis by axis, and the at-risk items that came and went.
import { AXES, type Axis } from '../model/types.js';
import type { AtRiskItem, GroupKey, GroupRow, Report } from './types.js';

/** A value before and after; `delta` is null when either side is missing. */
export interface Change {
  before: number | null;
  after: number | null;
  delta: number | null;
}

/** One group (brand, week…) in both reports, or only in one of them. */
export interface GroupChange {
  key: string;
  status: 'both' | 'new' | 'gone';
  exchanges: Change;
  health: Change;
  axes: Record<Axis, Change>;
}

export interface ReportDiff {
  before: { version: string; inputs: string[] };
  after: { version: string; inputs: string[] };
  health: Change;
  axes: Record<Axis, Change>;
  replyRate: Change;
  unansweredShare: Change;
  frtMedian: Change;
  groupings: { by: GroupKey; rows: GroupChange[] }[];
  /**
   * At-risk items by kind and key: `new` are listed after but not before; `resolved` were listed before and
   * are not after, although the later report would have listed them (its list of that kind is complete and
   * its scope covers their time); `unlisted` left the list otherwise (out of the later scope, or below its cut).
   */
  atRisk: { comparable: boolean; new: AtRiskItem[]; resolved: AtRiskItem[]; unlisted: AtRiskItem[] };
  /** Voice-of-the-customer topics in either report: new, grew, fell, same or gone (empty when a report has none). */
  topics: TopicChange[];
}

/** One topic in both reports, or only in one of them. */
export interface TopicChange {
  term: string;
  /**
   * `unlisted-before` / `unlisted-after`: in one report's topic list only, while the other's list was cut at its
   * top N — the topic may have been there, below the cut, so it is neither new nor gone.
   */
  status: 'new' | 'grew' | 'fell' | 'same' | 'gone' | 'unlisted-before' | 'unlisted-after';
  exchanges: Change;
  negativeShare: Change;
}

const TOPIC_ORDER: Record<TopicChange['status'], number> = { new: 0, 'unlisted-before': 1, grew: 2, fell: 3, gone: 4, 'unlisted-after': 5, same: 6 };
/** A report lists this many topics when it has more (report/build.ts): a list this long may have been cut. */
export const LISTED_TOPICS = 10;

/** Topics that appeared or grew first (most exchanges first), then those that fell or went away. */
export function diffTopics(before: Report, after: Report): TopicChange[] {
  const was = new Map((before.voice?.topics ?? []).map((t) => [t.term, t]));
  const now = new Map((after.voice?.topics ?? []).map((t) => [t.term, t]));
  const terms = [...new Set([...was.keys(), ...now.keys()])];
  const cutBefore = was.size >= LISTED_TOPICS;
  const cutAfter = now.size >= LISTED_TOPICS;
  return terms
    .map((term): TopicChange => {
      const b = was.get(term);
      const a = now.get(term);
      const exchanges = change(b?.exchanges ?? (b ? 0 : null), a?.exchanges ?? (a ? 0 : null));
      const status = !b
        ? cutBefore ? 'unlisted-before' : 'new'
        : !a
          ? cutAfter ? 'unlisted-after' : 'gone'
          : a.exchanges > b.exchanges ? 'grew' : a.exchanges < b.exchanges ? 'fell' : 'same';
      return { term, status, exchanges, negativeShare: change(b?.negativeShare, a?.negativeShare) };
    })
    .sort((x, y) => TOPIC_ORDER[x.status] - TOPIC_ORDER[y.status] || Math.abs(y.exchanges.delta ?? y.exchanges.after ?? y.exchanges.before ?? 0) - Math.abs(x.exchanges.delta ?? x.exchanges.after ?? x.exchanges.before ?? 0) || (x.term < y.term ? -1 : 1));
}

export function change(before: number | null | undefined, after: number | null | undefined): Change {
  const b = before ?? null;
  const a = after ?? null;
  return { before: b, after: a, delta: a === null || b === null ? null : Math.round((a - b) * 10000) / 10000 };
}

function rowChange(key: string, before: GroupRow | undefined, after: GroupRow | undefined): GroupChange {
  return {
    key,
    status: before && after ? 'both' : after ? 'new' : 'gone',
    exchanges: change(before?.exchanges, after?.exchanges),
    health: change(before?.health, after?.health),
    axes: Object.fromEntries(AXES.map((axis) => [axis, change(before?.axes[axis]?.value, after?.axes[axis]?.value)])) as Record<Axis, Change>,
  };
}

/** Groupings of a report; the brand table stands in when a report has no `--by brand`. */
function groupingsOf(report: Report): Map<GroupKey, GroupRow[]> {
  const out = new Map<GroupKey, GroupRow[]>();
  for (const g of report.groupings) out.set(g.by, g.rows);
  if (!out.has('brand') && report.brands.length) out.set('brand', report.brands);
  return out;
}

const itemKey = (i: AtRiskItem): string => `${i.kind}\u0000${i.key}`;

export function diffReports(before: Report, after: Report): ReportDiff {
  const beforeGroups = groupingsOf(before);
  const groupings: ReportDiff['groupings'] = [];
  for (const [by, rows] of groupingsOf(after)) {
    const old = beforeGroups.get(by);
    if (!old) continue;
    const oldByKey = new Map(old.map((r) => [r.key, r]));
    const seen = new Set<string>();
    const changes = rows.map((r) => {
      seen.add(r.key);
      return rowChange(r.key, oldByKey.get(r.key), r);
    });
    for (const r of old) if (!seen.has(r.key)) changes.push(rowChange(r.key, r, undefined));
    groupings.push({ by, rows: changes });
  }
  const beforeItems = new Set(before.atRisk.items.map(itemKey));
  const afterItems = new Set(after.atRisk.items.map(itemKey));
  const listed = (kind: AtRiskItem['kind']): number => after.atRisk.items.filter((i) => i.kind === kind).length;
  const complete = { thread: listed('thread') >= after.atRisk.threads, customer: listed('customer') >= after.atRisk.customers };
  const inScope = (i: AtRiskItem): boolean => {
    const since = after.scope?.since ?? null;
    const until = after.scope?.until ?? null;
    if ((since !== null || until !== null) && i.time === null) return false;
    return (since === null || i.time! >= since) && (until === null || i.time! < until);
  };
  const gone = before.atRisk.items.filter((i) => !afterItems.has(itemKey(i)));
  // A schema 1 report has no at-risk list: nothing can be called new or resolved against it.
  const comparable = before.schemaVersion >= 2 && after.schemaVersion >= 2;
  return {
    before: { version: before.tool?.version ?? '?', inputs: (before.inputs ?? []).map((i) => i.file) },
    after: { version: after.tool?.version ?? '?', inputs: (after.inputs ?? []).map((i) => i.file) },
    health: change(before.health.score, after.health.score),
    axes: Object.fromEntries(AXES.map((axis) => [axis, change(before.axes[axis]?.value, after.axes[axis]?.value)])) as Record<Axis, Change>,
    replyRate: change(before.service.replyRate, after.service.replyRate),
    unansweredShare: change(before.service.unansweredShare, after.service.unansweredShare),
    frtMedian: change(before.service.firstResponse.median, after.service.firstResponse.median),
    groupings,
    atRisk: comparable
      ? {
          comparable,
          new: after.atRisk.items.filter((i) => !beforeItems.has(itemKey(i))),
          resolved: gone.filter((i) => complete[i.kind] && inScope(i)),
          unlisted: gone.filter((i) => !(complete[i.kind] && inScope(i))),
        }
      : { comparable, new: [], resolved: [], unlisted: [] },
    topics: diffTopics(before, after),
  };
}
