// A random draw of threads for role annotation (fixtures/training/roles/README.md):
//   node scripts/training/role-sheet.mjs out.md out-keys.json SEED N_ODD N_PLAIN files...
// N_ODD threads whose first message replies to a message not in the input (mail) or addresses a nick (IRC),
// N_PLAIN of the others, shuffled; each thread's messages (at most 14, 600 characters each) as a Markdown sheet.
import { readInputs } from '../../dist/pipeline.js';
import { inputFromPath } from '../../dist/sources/input.js';
import { buildThreads } from '../../dist/normalize/threads.js';
import { writeFileSync } from 'node:fs';
const [out, keysOut, seedArg, nA, nB, ...files] = process.argv.slice(2);
let seed = Number(seedArg);
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const shuffle = (a) => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };
const { messages } = await readInputs(files.map(inputFromPath), {});
const ids = new Set(messages.map((m) => m.id));
const { threads } = buildThreads(messages);
const odd = [], plain = [];
for (const t of threads) {
  const r = t.messages[0];
  const authors = new Set(t.messages.map((m) => m.author));
  const isOdd = r.reply ? !(r.parent && ids.has(r.parent)) : r.source === 'irc' && /^([^\s:,]+)[:,] /.test(r.text);
  (isOdd ? odd : authors.size > 1 || r.source !== 'irc' ? plain : []).push(t);
}
const pick = [...shuffle(odd).slice(0, Number(nA)), ...shuffle(plain).slice(0, Number(nB))];
shuffle(pick);
const md = [];
const keys = [];
pick.forEach((t, i) => {
  const n = `T${String(i + 1).padStart(3, '0')}`;
  keys.push({ sheet: n, thread: t.id, authors: [...new Set(t.messages.map((m) => m.author))] });
  md.push(`## ${n}`, t.messages[0].topic ? `Subject: ${t.messages[0].topic}` : '', '');
  for (const m of t.messages.slice(0, 14)) {
    const body = (m.fullText ?? m.text).replace(/\n{2,}/g, '\n').slice(0, 600).split('\n').map((l) => `    ${l}`).join('\n');
    md.push(`- **${m.author}**${m.time ? ` (${new Date(m.time).toISOString().slice(0, 16)})` : ''}:`, body);
  }
  if (t.messages.length > 14) md.push(`- … ${t.messages.length - 14} more messages`);
  md.push('');
});
writeFileSync(out, md.join('\n'));
writeFileSync(keysOut, JSON.stringify(keys, null, 1));
console.log(pick.length, 'threads;', odd.length, 'odd', plain.length, 'plain');
