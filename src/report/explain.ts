// Render one tagged exchange for a person: its messages with the evidence highlighted, and every label.
import { Chalk } from 'chalk';
import { AXES, RUE_FLAGS, type Evidence, type Message, type TaggedExchange } from '../model/types.js';
import { roleNote } from '../normalize/roles.js';
import { terminalSafe } from '../text/sanitize.js';
import { formatDuration } from './format.js';
import { spanToEvidence, type Head } from '../taggers/features.js';
import type { Decision } from '../taggers/model.js';

export interface ExplainOptions {
  color?: boolean;
  /** The learned decision per head (probabilities and contributions), when the caller has them. */
  decisions?: Record<Head, Decision | null>;
}

/** Contributions shown per head; the rest are summed in one line. */
const CONTRIBUTIONS_SHOWN = 8;

/** Merge overlapping [start, end) spans. */
function mergeSpans(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The message text with evidence spans marked: inverse video in colour, «guillemets» without. */
export function highlight(text: string, spans: [number, number][], mark: (s: string) => string): string {
  let out = '';
  let at = 0;
  for (const [s, e] of mergeSpans(spans)) {
    out += terminalSafe(text.slice(at, s)) + mark(terminalSafe(text.slice(s, e)));
    at = e;
  }
  return out + terminalSafe(text.slice(at));
}

export function explainReporter(t: TaggedExchange, options: ExplainOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const mark = options.color ? (s: string) => c.inverse(s) : (s: string) => `«${s}»`;
  const e = t.exchange;
  const evidence: Evidence[] = [...AXES.flatMap((a) => t.labels[a].evidence), ...RUE_FLAGS.flatMap((f) => t.rue.evidence[f])];
  const spansOf = (m: Message): [number, number][] => evidence.filter((x) => x.message === m.id).map((x) => [x.start, x.end]);
  const line = (m: Message): string => {
    const who = m.role === 'brand' ? `${m.agent ?? m.brand ?? m.author}` : m.author;
    const time = m.time === null ? '' : new Date(m.time).toISOString().replace('.000Z', 'Z');
    return `  ${c.dim(`${terminalSafe(m.id)} ${time}`)} ${c.bold(terminalSafe(who))} (${m.role}, ${terminalSafe(roleNote(m))}):\n    ${highlight(m.text, spansOf(m), mark).replace(/\r/g, ' ')}`;
  };
  const out: string[] = [];
  out.push(c.bold(`Exchange ${terminalSafe(e.id)}`) + c.dim(` · thread ${terminalSafe(e.thread)} · ${terminalSafe(e.source)} · account ${terminalSafe(e.account ?? '—')}`));
  out.push(c.dim(`Response time ${formatDuration(e.responseSeconds)} · health ${Number.isNaN(t.health) ? '— (no customer turn)' : t.health.toFixed(1)}`));
  out.push('');
  if (e.previousBrandTurn.length) {
    out.push(c.dim('Before (the brand’s previous turn):'));
    for (const m of e.previousBrandTurn) out.push(c.dim(`  ${terminalSafe(m.id)}: ${terminalSafe(m.text)}`));
  }
  out.push(e.customerTurn.length ? 'Customer turn:' : 'Customer turn: (none — the brand spoke first)');
  for (const m of e.customerTurn) out.push(line(m));
  out.push(e.brandTurn.length ? 'Brand turn:' : 'Brand turn: (no reply in the data)');
  for (const m of e.brandTurn) out.push(line(m));
  out.push('');
  const decision = (head: Head): void => {
    const d = options.decisions?.[head];
    if (!d) {
      if (options.decisions) out.push(c.dim('    decided by rule: no turn for the model to read'));
      return;
    }
    out.push(c.dim(`    probability ${Object.entries(d.probabilities).map(([l, p]) => `${terminalSafe(l)} ${p.toFixed(2)}`).join(' · ')}`));
    const shown = d.contributions.slice(0, CONTRIBUTIONS_SHOWN);
    for (const k of shown) {
      const spans = k.evidence.slice(0, 2).map((x) => `“${terminalSafe(spanToEvidence(x).text)}”`).join(' ');
      out.push(`    ${`+${k.value.toFixed(2)}`.padStart(6)}  ${terminalSafe(k.feature)}${spans ? `  ${spans}` : ''}`);
    }
    const rest = d.contributions.slice(CONTRIBUTIONS_SHOWN);
    if (rest.length) out.push(c.dim(`    +${rest.reduce((s, k) => s + k.value, 0).toFixed(2)}  from ${rest.length} more feature(s)`));
  };
  for (const axis of AXES) {
    const l = t.labels[axis];
    out.push(`${c.bold(axis.padEnd(13))} ${terminalSafe(l.label)} (${l.score >= 0 ? '+' : ''}${l.score.toFixed(2)})`);
    decision(axis);
    if (!l.evidence.length) out.push(c.dim('    no evidence: the default label'));
    for (const x of l.evidence) out.push(`    ${terminalSafe(x.cue)}  “${terminalSafe(x.text)}”  ${c.dim(`in ${terminalSafe(x.message)} [${x.start}, ${x.end})`)}`);
  }
  out.push(`${c.bold('rue'.padEnd(13))} ${RUE_FLAGS.map((f) => `${f} ${t.rue[f]}`).join(' · ')}`);
  for (const f of RUE_FLAGS) {
    if (options.decisions) {
      out.push(`  ${f}`);
      decision(f);
    }
    for (const x of t.rue.evidence[f]) out.push(`    ${f}: ${terminalSafe(x.cue)}  “${terminalSafe(x.text)}”`);
  }
  return `${out.join('\n')}\n`;
}
