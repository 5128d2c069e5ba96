// Builds fixtures/training/ from the drawn corpus, the annotators' sheets and the seed in ../shared/training:
// agreement (Cohen's κ) on the exchanges labelled twice, the splits to adjudicate, and the final labels.
// usage: node scripts/training/build.mjs <draw-dir> <out-dir>   (see fixtures/training/README.md)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [draw = '/work/draw', out = 'fixtures/training'] = process.argv.slice(2);
const shared = '../shared';
const KEYS = ['experience', 'permission', 'involvement', 'conversation', 'relevance', 'utility', 'entertainment'];
const jsonl = (file) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const tag = (...inputs) => execFileSync('node', ['bin/rapport.js', 'tag', '-q', ...inputs], { maxBuffer: 1 << 30 }).toString().split('\n').filter(Boolean).map((l) => JSON.parse(l));

// The drawn conversations and who labelled each, sheet by sheet.
const drawn = jsonl(join(draw, 'corpus.ndjson'));
const key = (source, id) => `${source}\u0000${id}`;
const conv = new Map(drawn.map((c) => [key(c.source, c.conversation_id), c]));
const assignment = JSON.parse(readFileSync(join(draw, 'assignment.json'), 'utf8'));
const passes = new Map(); // key → [first, second?]
assignment.sheets.forEach(({ pass }, s) => {
  const name = `sheet-${String(s + 1).padStart(2, '0')}`;
  const sheet = readFileSync(join(draw, 'sheets', `${name}.md`), 'utf8');
  const entries = [...sheet.matchAll(/^### \d+ · id: (.+) · (\w+)$/gm)].map((m) => ({ id: m[1], source: m[2] }));
  const file = join(draw, 'labels', `${name}.jsonl`);
  if (!existsSync(file)) return console.error(`${name}: not labelled yet`);
  const lines = jsonl(file);
  for (const e of entries) {
    const l = lines.find((x) => x.id === e.id && (x.source === undefined || x.source === e.source));
    if (!l) continue;
    const k = key(e.source, e.id);
    if (!passes.has(k)) passes.set(k, []);
    passes.get(k)[pass - 1] = l;
  }
});

/** Cohen's κ of two annotators' values over the same items. */
function kappa(pairs) {
  const n = pairs.length;
  if (!n) return null;
  const values = [...new Set(pairs.flat())];
  const po = pairs.filter(([a, b]) => a === b).length / n;
  const pe = values.reduce((s, v) => s + (pairs.filter(([a]) => a === v).length / n) * (pairs.filter(([, b]) => b === v).length / n), 0);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

const adjudicated = existsSync(join(draw, 'adjudicated.jsonl')) ? new Map(jsonl(join(draw, 'adjudicated.jsonl')).map((a) => [key(a.source, a.id), a])) : new Map();
const labels = [];
const roleErrors = [];
const splits = [];
const agreement = {};
for (const [k, [a, b]] of passes) {
  const c = conv.get(k);
  if (!a) continue;
  if (a.roles === 'wrong' || b?.roles === 'wrong') {
    roleErrors.push({ id: c.conversation_id, source: c.source, annotators: b ? 2 : 1, agreed: !b || (a.roles === b.roles) });
    continue;
  }
  const final = {};
  const split = [];
  for (const kk of KEYS) {
    if (b) (agreement[`${c.source}|${kk}`] ??= []).push([String(a[kk]), String(b[kk])]);
    if (!b || a[kk] === b[kk]) final[kk] = a[kk];
    else split.push(kk);
  }
  if (split.length) {
    const decided = adjudicated.get(k);
    if (!decided) {
      splits.push({ c, a, b, split });
      continue;
    }
    for (const kk of split) final[kk] = decided[kk];
  }
  labels.push({ c, final, annotators: b ? 2 : 1 });
}

// The seed: exchanges of ../shared/data labelled in ../shared/training, cut the same way, context without gold text.
const goldIds = new Set([...jsonl(`${shared}/gold/labels.jsonl`), ...jsonl(`${shared}/gold/chat-labels.jsonl`)].map((g) => g.id));
function seedConversations(source, file, inputs) {
  const seed = jsonl(file);
  const exchanges = tag(...inputs);
  const index = new Map(exchanges.map((e, i) => [e.id, i]));
  const turn = (e, side) => e.extra.turns[side].map((t, i) => ({ ...t, id: e.extra.messages[side][i], role: side }));
  const out = [];
  for (const s of seed) {
    const i = index.get(s.id);
    if (i === undefined) throw new Error(`seed exchange ${s.id} is not in ${inputs}`);
    const e = exchanges[i];
    const prev = i > 0 && exchanges[i - 1].thread === e.thread && !goldIds.has(exchanges[i - 1].id) ? exchanges[i - 1] : null;
    const messages = [...(prev ? turn(prev, 'brand') : []), ...turn(e, 'customer'), ...turn(e, 'brand')].map((m) => ({
      id: m.id, author: m.author, role: m.role === 'brand' ? 'agent' : 'customer', time: m.time === null ? null : new Date(m.time).toISOString(), brand: m.brand, channel: m.channel, text: m.text,
    }));
    const final = Object.fromEntries(KEYS.map((kk) => [kk, s[kk]]));
    out.push({ c: { conversation_id: e.id, thread: e.thread, source, messages }, final, annotators: s.annotators ?? 1 });
  }
  return out;
}
const seeds = [
  ...seedConversations('twitter', `${shared}/training/twitter-labels.jsonl`, [`${shared}/data/twcs-head5000/twcs.csv`]),
  ...seedConversations('irc', `${shared}/training/irc-labels.jsonl`, [`${shared}/data/ubuntu-irc-disentangle/`]),
];

/** The corpus record: ids scoped by source; context messages carry the exchange they introduce, so no id repeats. */
function record({ c, final, annotators }) {
  const exchange = c.conversation_id;
  const scoped = (id) => `${c.source}:${id}`;
  let firstCustomer = c.messages.findIndex((m) => m.role === 'customer');
  let last = null;
  const messages = c.messages.map((m, i) => {
    // Times strictly increase in message order, so the cut is the one that was labelled (mail Date headers can run backwards).
    let time = m.time === null ? null : Date.parse(m.time);
    if (time !== null && last !== null && time <= last) time = last + 1000;
    if (time !== null) last = time;
    const id = i < firstCustomer ? `${scoped(m.id)}~${exchange}` : scoped(m.id);
    return { id, author: m.author, role: m.role, time: time === null ? null : new Date(time).toISOString(), brand: m.brand ?? undefined, channel: m.channel, text: m.text };
  });
  const label = { id: scoped(exchange), source: c.source === 'mail' ? 'email' : c.source, thread: `${c.source}:${c.thread ?? exchange}`, ...final, annotators };
  return { conversation: { conversation_id: scoped(exchange), messages }, label };
}
const all = [...seeds, ...labels].map(record).sort((x, y) => (x.label.id < y.label.id ? -1 : x.label.id > y.label.id ? 1 : 0));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'corpus.ndjson'), all.map((r) => JSON.stringify(r.conversation)).join('\n') + '\n');
writeFileSync(join(out, 'labels.jsonl'), all.map((r) => JSON.stringify(r.label)).join('\n') + '\n');

// What to adjudicate, and the agreement table.
const show = (m) => `  [${m.role === 'agent' ? 'BRAND' : 'CUSTOMER'} ${m.author}] ${m.text.length > 2500 ? m.text.slice(0, 2500) + ' […cut]' : m.text}`.replace(/\n/g, '\n      ');
writeFileSync(
  join(draw, 'adjudicate.md'),
  `# ${splits.length} exchanges whose two labellings split\n\n` +
    splits
      .map(({ c, a, b, split }, i) => {
        const first = c.messages.findIndex((m) => m.role === 'customer');
        const lines = [`### ${i + 1} · id: ${c.conversation_id} · ${c.source}`];
        if (first > 0) lines.push("brand's previous turn (context only):", ...c.messages.slice(0, first).map(show));
        const cust = c.messages.slice(first).filter((m, j, all) => all.slice(0, j + 1).every((x) => x.role === 'customer'));
        lines.push('customer turn:', ...cust.map(show), 'brand turn:');
        const brand = c.messages.slice(first + cust.length);
        lines.push(...(brand.length ? brand.map(show) : ['  (nothing)']));
        lines.push(`split on: ${split.map((kk) => `${kk} (${a[kk]} vs ${b[kk]})`).join(', ')}`);
        return lines.join('\n');
      })
      .join('\n\n') + '\n',
);
const kappas = {};
for (const [k, pairs] of Object.entries(agreement)) kappas[k] = { n: pairs.length, kappa: kappa(pairs) };
writeFileSync(join(draw, 'agreement.json'), JSON.stringify({ kappas, roleErrors, splits: splits.length }, null, 1));
const bySource = {};
for (const r of all) bySource[r.label.source] = (bySource[r.label.source] ?? 0) + 1;
console.error(`${all.length} labelled exchanges (${JSON.stringify(bySource)}); double-labelled ${all.filter((r) => r.label.annotators === 2).length}; ${splits.length} splits waiting; ${roleErrors.length} roles wrong`);

// The README's tables: exchanges and labels per source, agreement before adjudication.
const SOURCES = ['twitter', 'email', 'irc', 'chat'];
const nameOf = (s) => (s === 'mail' ? 'email' : s);
const md = [];
md.push('| source | exchanges | labelled twice | ' + KEYS.join(' | ') + ' |', '| --- | ---: | ---: | ' + KEYS.map(() => '---').join(' | ') + ' |');
for (const source of SOURCES) {
  const rows = all.filter((r) => r.label.source === source);
  const counts = KEYS.map((kk) => {
    const c = {};
    for (const r of rows) c[r.label[kk]] = (c[r.label[kk]] ?? 0) + 1;
    return Object.entries(c).sort((a, b) => b[1] - a[1]).map(([v, n]) => `${v} ${n}`).join(', ');
  });
  md.push(`| ${source} | ${rows.length} | ${rows.filter((r) => r.label.annotators === 2).length} | ${counts.join(' | ')} |`);
}
md.push('', '| source (this round) | exchanges labelled twice | ' + KEYS.map((kk) => `κ ${kk}`).join(' | ') + ' |', '| --- | ---: | ' + KEYS.map(() => '---:').join(' | ') + ' |');
for (const source of ['twitter', 'mail', 'irc', 'chat']) {
  const n = kappas[`${source}|experience`]?.n ?? 0;
  md.push(`| ${nameOf(source)} | ${n} | ${KEYS.map((kk) => { const k = kappas[`${source}|${kk}`]; return k && k.kappa !== null ? k.kappa.toFixed(2) : '—'; }).join(' | ')} |`);
}
const wrong = {};
for (const r of roleErrors) wrong[nameOf(r.source)] = (wrong[nameOf(r.source)] ?? 0) + 1;
md.push('', `Left out with the roles backwards (this round): ${Object.entries(wrong).map(([s, n]) => `${s} ${n}`).join(', ')}.`);
writeFileSync(join(draw, 'summary.md'), md.join('\n') + '\n');
