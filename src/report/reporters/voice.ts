// Voice-of-the-customer sections for the text reporters: topics and the three action lists.
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import type { VoiceItem, VoiceOfCustomer } from '../../topics/build.js';
import { terminalSafe } from '../../text/sanitize.js';
import { formatDuration, formatPercent, truncate } from '../format.js';
import { mdText } from './markdown-text.js';
import { BORDERLESS } from './table-style.js';

const LISTS: [key: 'requests' | 'complaints' | 'praise', title: string][] = [
  ['requests', 'Requests and ideas'],
  ['complaints', 'Recurring complaints'],
  ['praise', 'Praise'],
];

/** The topics table and the three lists, for a terminal (fits 80 columns). */
export function voiceTable(voice: VoiceOfCustomer, c: ChalkInstance, top = 5): string {
  const out: string[] = [c.bold(`Voice of the customer`) + c.dim(` — topics in ${voice.exchanges} customer turns`)];
  const style = { head: [], border: [], 'padding-left': 0, 'padding-right': 2 };
  const topics = new Table({ head: ['topic', 'exch', 'cust', 'neg', 'reply', 'RT', 'example'], style, chars: BORDERLESS });
  for (const t of voice.topics.slice(0, top)) {
    topics.push([
      truncate(terminalSafe(t.term), 18),
      t.exchanges,
      t.customers,
      formatPercent(t.negativeShare),
      formatPercent(t.replyRate),
      formatDuration(t.responseMedian),
      truncate(terminalSafe(t.quotes[0]?.text ?? ''), 28),
    ]);
  }
  out.push(topics.toString());
  for (const [key, title] of LISTS) {
    const items = voice[key].slice(0, 3);
    if (!items.length) continue;
    out.push(c.bold(title));
    for (const item of items) {
      const head = `  ${truncate(terminalSafe(item.topic), 24)} (${item.exchanges})${cueNote(item)}`;
      // The quote gets what is left of 80 columns (a quote shorter than 12 says nothing).
      const room = 80 - [...head].length - 5;
      out.push(item.quotes[0] && room >= 12 ? `${head} — “${truncate(terminalSafe(item.quotes[0].text), room)}”` : head);
    }
  }
  return out.join('\n');
}

/** The first two cues of an item, `[effort.repeat]`; cue ids come from the config too: `safe` escapes them for the sink. */
function cueNote(item: VoiceItem, safe: (text: string) => string = terminalSafe): string {
  const cues = item.cues.slice(0, 2).map((x) => safe(x.cue.split('.').slice(1).join('.')));
  return cues.length ? ` [${cues.join(', ')}]` : '';
}

/** The same, as GitHub-flavoured Markdown. */
export function voiceMarkdown(voice: VoiceOfCustomer, top = 10): string {
  const lines = ['## Voice of the customer', '', `Topics in ${voice.exchanges} customer turns, with the share of negative experience, reply rate and median response time.`, ''];
  lines.push('| topic | exchanges | customers | negative | reply rate | response | related | example |', '|---|---:|---:|---:|---:|---:|---|---|');
  for (const t of voice.topics.slice(0, top)) {
    lines.push(
      `| ${mdText(t.term)} | ${t.exchanges} | ${t.customers} | ${formatPercent(t.negativeShare)} | ${formatPercent(t.replyRate)} | ${formatDuration(t.responseMedian)} | ${mdText(t.related.join(', '))} | ${t.quotes[0] ? `“${mdText(t.quotes[0].text)}”` : ''} |`,
    );
  }
  for (const [key, title] of LISTS) {
    const items = voice[key].slice(0, 5);
    if (!items.length) continue;
    lines.push('', `### ${title}`, '');
    for (const item of items) {
      lines.push(`- **${mdText(item.topic)}** (${item.exchanges})${cueNote(item, mdText)}`);
      for (const q of item.quotes.slice(0, 2)) lines.push(`  - “${mdText(q.text)}” (${mdText(q.message)})`);
    }
  }
  return lines.join('\n');
}
