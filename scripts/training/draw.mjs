// Draws the training corpus's exchanges at random (never by cue, regex or label) and writes
// labelling sheets plus the corpus records (one chat-json conversation per exchange).
// usage: node scripts/training/draw.mjs <out-dir>   (inputs: ../shared/data and /work/corpus-src; see fixtures/training/README.md)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shuffled as shuffle } from '../../dist/train/fit.js';

const SEED = 20261203;
const out = process.argv[2] ?? 'training-draw';
const shared = '../shared';
const mailSrc = process.env.CORPUS_SRC ?? '/work/corpus-src';

const jsonl = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const tag = (...inputs) =>
  execFileSync('node', ['bin/rapport.js', 'tag', '-q', ...inputs], { maxBuffer: 1 << 30 }).toString().split('\n').filter(Boolean).map((l) => JSON.parse(l));

// What may not be drawn: every gold exchange and everything of a gold thread, the seed, known role errors.
const goldIds = new Set([
  ...jsonl(`${shared}/gold/labels.jsonl`).map((g) => g.id),
  ...jsonl(`${shared}/gold/email-labels.jsonl`).map((g) => g.id),
  ...jsonl(`${shared}/gold/chat-labels.jsonl`).map((g) => g.id),
  ...jsonl(`${shared}/gold/role-errors.jsonl`).map((g) => g.id),
]);
const seedIds = new Set([...jsonl(`${shared}/training/twitter-labels.jsonl`), ...jsonl(`${shared}/training/irc-labels.jsonl`)].map((g) => g.id));
const goldTweets = new Set(readFileSync(`${shared}/gold/threads.csv`, 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]).filter((s) => /^\d+$/.test(s)));

/** Exchanges of one input set, each with the brand turn before it; threads holding a gold exchange or tweet are left out. */
function pool(source, exchanges) {
  const byThread = new Map();
  for (const e of exchanges) (byThread.get(e.thread) ?? byThread.set(e.thread, []).get(e.thread)).push(e);
  const items = [];
  for (const list of byThread.values()) {
    const ids = list.flatMap((e) => [...e.extra.messages.customer, ...e.extra.messages.brand]);
    if (list.some((e) => goldIds.has(e.id)) || ids.some((id) => goldTweets.has(id))) continue;
    list.forEach((e, i) => {
      if (e.extra.messages.customer.length === 0) return; // brand-first exchanges are context only
      const prev = i > 0 ? list[i - 1] : null;
      items.push({ source, exchange: e, previous: prev });
    });
  }
  return items.filter((it) => !seedIds.has(it.exchange.id));
}

const turn = (e, side) => e.extra.turns[side].map((t, i) => ({ ...t, id: e.extra.messages[side][i], role: side }));
/** The corpus record: the exchange as its own conversation (the brand's previous turn first, when there is one). */
function conversation(it) {
  const context = it.previous ? turn(it.previous, 'brand') : [];
  const messages = [...context, ...turn(it.exchange, 'customer'), ...turn(it.exchange, 'brand')].map((m) => ({
    id: m.id,
    author: m.author,
    role: m.role === 'brand' ? 'agent' : 'customer',
    time: m.time === null ? null : new Date(m.time).toISOString(),
    brand: m.brand,
    channel: m.channel,
    text: m.text,
  }));
  return { conversation_id: it.exchange.id, messages };
}

const clip = (text) => (text.length > 2500 ? `${text.slice(0, 2500)} […cut: ${text.length - 2500} more characters]` : text);
function sheetEntry(it, n) {
  const lines = [`### ${n} · id: ${it.exchange.id} · ${it.source}`];
  const side = (title, msgs) => {
    lines.push(`${title}:`);
    if (!msgs.length) lines.push('  (nothing)');
    for (const m of msgs) lines.push(`  [${m.role === 'brand' ? 'BRAND' : 'CUSTOMER'} ${m.author}] ${clip(m.text).replace(/\n/g, '\n      ')}`);
  };
  if (it.previous) side("brand's previous turn (context only)", turn(it.previous, 'brand'));
  side('customer turn', turn(it.exchange, 'customer'));
  side('brand turn', turn(it.exchange, 'brand'));
  return lines.join('\n');
}

// The sources and how many exchanges each gives (drawn uniformly within each stratum).
const rsicsDataset = new Map();
for (const line of readFileSync(`${shared}/data/rsics/all_multi_intent.csv`, 'utf8').split('\n').slice(1)) {
  const m = /^(\d),(\d+),(\d+),/.exec(line);
  if (m) rsicsDataset.set(m[3], m[1]);
}
// [source, candidates, drawn in round 1, drawn in round 2]: round 2 takes the next ones of the same shuffled order.
const strata = [
  ['twitter', pool('twitter', tag(`${shared}/data/twcs-head5000/twcs.csv`)), 900, 40],
  ['twitter', pool('twitter', tag(`${shared}/data/twcs-kaggle-sample/sample.csv`)), 48, 0],
  ['irc', pool('irc', tag(`${shared}/data/ubuntu-irc-disentangle/`)), 550, 40],
  ['mail', pool('mail', tag(join(mailSrc, 'r-help'))), 380, 20],
  ['mail', pool('mail', tag(join(mailSrc, 'r-sig-mac'))), 90, 0],
  ['mail', pool('mail', tag(join(mailSrc, 'r-package-devel'))), 90, 20],
  ['mail', pool('mail', tag(join(mailSrc, 'r-sig-geo'))), 70, 0],
  ['mail', pool('mail', tag(join(mailSrc, 'r-sig-mixed-models'))), 20, 0],
  ['mail', pool('mail', tag(`${shared}/data/notmuch-test-corpus-default`)), 27, 0],
  ['chat', pool('chat', tag(`${shared}/data/rsics/all_multi_intent.csv`)).filter((it) => rsicsDataset.get(it.exchange.id) !== '1'), 150, 0],
];
const drawn = [];
const round2 = [];
strata.forEach(([source, items, n, more], k) => {
  const order = shuffle(items, SEED + k);
  const picked = order.slice(0, n);
  console.error(`${source} stratum ${k}: ${items.length} candidates, ${picked.length} + ${Math.min(more, order.length - n)} drawn`);
  drawn.push(...picked);
  round2.push(...order.slice(n, n + more));
});
mkdirSync(join(out, 'sheets'), { recursive: true });
writeFileSync(join(out, 'corpus.ndjson'), [...drawn, ...round2].map((it) => JSON.stringify({ ...conversation(it), source: it.source })).join('\n') + '\n');
// Sheets of 110 exchanges in a random order; 20% of each source labelled a second time, on a different sheet.
const order = shuffle(drawn, SEED + 100);
const second = new Set();
for (const source of ['twitter', 'irc', 'mail', 'chat']) {
  const of = order.filter((it) => it.source === source);
  shuffle(of, SEED + 200).slice(0, Math.ceil(of.length * 0.2)).forEach((it) => second.add(it.exchange.id));
}
const SIZE = 110;
const sheets = [];
for (let i = 0; i < order.length; i += SIZE) sheets.push(order.slice(i, i + SIZE));
const firstCount = sheets.length;
const again = shuffle(order.filter((it) => second.has(it.exchange.id)), SEED + 300);
for (let i = 0; i < again.length; i += SIZE) sheets.push(again.slice(i, i + SIZE));
// Round 2: its own sheets after round 1's, labelled once and 20% twice, like round 1.
const passOf = sheets.map((_, s) => (s < firstCount ? 1 : 2));
const order2 = shuffle(round2, SEED + 400);
for (let i = 0; i < order2.length; i += SIZE) { sheets.push(order2.slice(i, i + SIZE)); passOf.push(1); }
const again2 = shuffle(order2, SEED + 500).slice(0, Math.ceil(order2.length * 0.2));
sheets.push(again2);
passOf.push(2);
sheets.forEach((list, s) => {
  const name = `sheet-${String(s + 1).padStart(2, '0')}`;
  writeFileSync(join(out, 'sheets', `${name}.md`), `# ${name}: ${list.length} exchanges\n\n` + list.map((it, i) => sheetEntry(it, i + 1)).join('\n\n') + '\n');
});
writeFileSync(join(out, 'assignment.json'), JSON.stringify({ sheets: sheets.map((l, s) => ({ pass: passOf[s], ids: l.map((it) => it.exchange.id) })) }, null, 1));
console.error(`${drawn.length} exchanges, ${second.size} to label twice, ${sheets.length} sheets (${firstCount} first-pass)`);
