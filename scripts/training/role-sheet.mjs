// A random draw of threads for role annotation (fixtures/training/roles/README.md):
//   node scripts/training/role-sheet.mjs out.md out-keys.json SEED N_ODD N_PLAIN files...
// N_ODD threads whose first message replies to a message not in the input (mail) or addresses a nick (IRC),
// N_PLAIN of the others, shuffled; each thread's messages (at most 14, 600 characters each) as a Markdown sheet.
import { readInputs } from '../../dist/pipeline.js';
import { inputFromPath } from '../../dist/sources/input.js';
import { buildThreads } from '../../dist/normalize/threads.js';
import { shuffler, writeSheet } from './sheet.mjs';
const [out, keysOut, seedArg, nA, nB, ...files] = process.argv.slice(2);
const shuffle = shuffler(seedArg);
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
writeSheet(out, keysOut, pick);
console.log(pick.length, 'threads;', odd.length, 'odd', plain.length, 'plain');
