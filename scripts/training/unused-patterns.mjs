// Lists the lexicon patterns that match no message of the training corpus (customer cues on customer
// messages, brand cues on brand messages) and no example phrase of EPIC.md; `--write` deletes them from
// src/taggers/lexicons/*.json (a cue left with no pattern goes too). usage: node scripts/training/unused-patterns.mjs [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import { LEXICONS } from '../../dist/taggers/lexicons/index.js';
import { decodeEntities } from '../../dist/text/entities.js';

const texts = { customer: [], brand: [] };
for (const line of readFileSync('fixtures/training/corpus.ndjson', 'utf8').split('\n')) {
  if (!line) continue;
  for (const m of JSON.parse(line).messages) {
    const plain = decodeEntities(m.text).text.replace(/[‘’‛`´]/g, "'").replace(/[“”„]/g, '"');
    texts[m.role === 'customer' ? 'customer' : 'brand'].push(plain);
  }
}
// The contract's own examples: a pattern that matches a phrase of EPIC.md encodes the contract and stays.
const contract = readFileSync(process.env.EPIC ?? '../shared/EPIC.md', 'utf8').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
const BRAND_LEXICONS = new Set(['conversation', 'rue']);
let unused = 0;
const write = process.argv.includes('--write');
for (const [name, lexicon] of Object.entries(LEXICONS)) {
  const kept = [];
  for (const cue of lexicon.cues) {
    const patterns = [];
    const side = BRAND_LEXICONS.has(name) || cue.signal === 'request' ? 'brand' : 'customer';
    cue.patterns.forEach((p, i) => {
      const re = new RegExp(p, cue.caseSensitive ? 'u' : 'iu');
      const n = texts[side].filter((t) => re.test(t)).length;
      if (n === 0) {
        const inContract = re.test(contract);
        if (!inContract) unused++;
        console.log(`${inContract ? 'keep (EPIC.md)' : 'unused'}\t${cue.id}\t#${i}\t${p.slice(0, 100)}`);
        if (inContract) patterns.push(p);
      } else patterns.push(p);
    });
    if (patterns.length) kept.push({ ...cue, patterns });
    else console.log(`cue ${cue.id} has no pattern left`);
  }
  if (write) writeFileSync(`src/taggers/lexicons/${name}.json`, `${JSON.stringify({ ...lexicon, cues: kept }, null, 2)}\n`);
}
console.error(`${unused} patterns match neither EPIC.md nor any of the ${texts.customer.length} customer / ${texts.brand.length} brand messages of the corpus`);
