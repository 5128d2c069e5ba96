// The build's last step: the built-in cue lists' prefilter tables, beside dist/nlp/prefilter.js (see src/nlp/prefilter-tables.ts).
import { compileCues } from '../dist/taggers/lexicons/index.js';
import { CuePrefilter } from '../dist/nlp/prefilter.js';
import { tablesKey, writeTables } from '../dist/nlp/prefilter-tables.js';

const moduleUrl = new URL('../dist/nlp/prefilter.js', import.meta.url).href;
const cues = compileCues();
const lists = [cues.customer, cues.brand].map((list) => ({ key: tablesKey(list, moduleUrl), tables: new CuePrefilter(list).tables() }));
writeTables(lists, moduleUrl);
