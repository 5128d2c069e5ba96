// A random draw of threads a regular opens (fixtures/training/roles/README.md, batch 3):
//   node scripts/training/regular-sheet.mjs out.md out-keys.json SEED N [--exclude keys.json ...] files...
// A regular here is an author who writes in at least three threads opened by someone else; the draw takes
// N threads whose first message is by a regular and (IRC) addresses nobody or (mail) is not a reply to a
// message in the input: the threads where "the opener asks" and "a regular answers" disagree. Same sheet
// format as role-sheet.mjs.
import { readInputs } from '../../dist/pipeline.js';
import { inputFromPath } from '../../dist/sources/input.js';
import { buildThreads } from '../../dist/normalize/threads.js';
import { readFileSync } from 'node:fs';
import { shuffler, writeSheet } from './sheet.mjs';
const args = process.argv.slice(2);
const [out, keysOut, seedArg, n] = args;
const exclude = new Set();
let rest = args.slice(4);
while (rest[0] === '--exclude') {
  for (const k of JSON.parse(readFileSync(rest[1], 'utf8'))) exclude.add(k.thread);
  rest = rest.slice(2);
}
const shuffle = shuffler(seedArg);
const { messages } = await readInputs(rest.map(inputFromPath), {});
const ids = new Set(messages.map((m) => m.id));
const { threads } = buildThreads(messages);
const elsewhere = new Map();
for (const t of threads) {
  const opener = t.messages[0].author.toLowerCase();
  for (const a of new Set(t.messages.map((m) => m.author.toLowerCase()))) if (a !== opener) elsewhere.set(a, (elsewhere.get(a) ?? 0) + 1);
}
const pool = threads.filter((t) => {
  const r = t.messages[0];
  if (exclude.has(t.id) || (elsewhere.get(r.author.toLowerCase()) ?? 0) < 3) return false;
  return r.source === 'irc' ? !/^([^\s:,]+)[:,] /.test(r.text) : !(r.reply && r.parent && ids.has(r.parent));
});
const pick = shuffle(pool).slice(0, Number(n));
writeSheet(out, keysOut, pick);
console.log(pick.length, 'threads of', pool.length, 'opened by a regular');
