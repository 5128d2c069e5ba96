// The voice-of-the-customer section of the HTML report: topics with a weekly trend, and the three lists.
import type { VoiceOfCustomer } from '../../topics/build.js';
import { formatDuration, formatPercent } from '../format.js';
import { esc } from './svg.js';

/** A tiny inline bar chart of exchanges per ISO week. */
function sparkline(weeks: readonly { week: string; exchanges: number }[]): string {
  if (!weeks.length) return '';
  const max = Math.max(...weeks.map((w) => w.exchanges));
  const width = 6;
  const bars = weeks
    .map((w, i) => {
      const h = Math.max(1, Math.round((w.exchanges / max) * 18));
      return `<rect x="${i * width}" y="${20 - h}" width="${width - 1}" height="${h}" fill="#5b7db1"><title>${esc(w.week)}: ${w.exchanges}</title></rect>`;
    })
    .join('');
  return `<svg width="${weeks.length * width}" height="20" role="img" aria-label="exchanges per week">${bars}</svg>`;
}

const LISTS: [key: 'requests' | 'complaints' | 'praise', title: string][] = [
  ['requests', 'Requests and ideas'],
  ['complaints', 'Recurring complaints'],
  ['praise', 'Praise'],
];

export function voiceSection(voice: VoiceOfCustomer | undefined, top: number): string {
  if (!voice) return '';
  const rows = voice.topics.slice(0, top).map(
    (t) =>
      `<tr><td><b>${esc(t.term)}</b>${t.related.length ? `<div class="muted">${esc(t.related.join(', '))}</div>` : ''}</td><td>${t.exchanges}</td><td>${t.customers}</td><td>${formatPercent(t.negativeShare)}</td><td>${formatPercent(t.replyRate)}</td><td>${formatDuration(t.responseMedian)}</td><td>${sparkline(t.weeks)}</td><td style="text-align:left;white-space:normal">${t.quotes[0] ? `“${esc(t.quotes[0].text)}”` : ''}</td></tr>`,
  );
  const lists = LISTS.map(([key, title]) => {
    const items = voice[key].slice(0, 5);
    if (!items.length) return '';
    const li = items.map((item) => {
      const cues = item.cues.slice(0, 3).map((c) => `<code>${esc(c.cue)}</code>`).join(' ');
      const quotes = item.quotes.slice(0, 2).map((q) => `<blockquote>${esc(q.text)}</blockquote>`).join('');
      return `<li><b>${esc(item.topic)}</b> <span class="muted">(${item.exchanges})${cues ? ` · ${cues}` : ''}</span>${quotes}</li>`;
    });
    return `<h3>${esc(title)}</h3><ul>${li.join('')}</ul>`;
  }).join('');
  return `<section class="card" id="voice"><h2>Voice of the customer <span class="muted">(topics in ${voice.exchanges} customer turns)</span></h2><div class="scroll"><table><thead><tr><th>topic</th><th>exchanges</th><th>customers</th><th>negative</th><th>reply rate</th><th>response</th><th>per week</th><th style="text-align:left">example</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${lists}</section>`;
}
