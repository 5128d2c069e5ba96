// Test helpers: build threads from hand-written turns and tag them with the real taggers.
import type { Exchange, Message, RawMessage, Role, TaggedExchange, Thread } from '../src/model/types.js';
import { tagContext } from '../src/pipeline/context.js';
import { cutExchanges } from '../src/normalize/exchanges.js';
import { countTemplates } from '../src/pipeline/templates.js';
import type { RuleLabels } from '../src/taggers/features.js';
import { ruleLabels } from '../src/taggers/index.js';
import { compileCues } from '../src/taggers/lexicons/index.js';
import { defaultModel } from '../src/taggers/model.js';
import { toMessage } from '../src/normalize/threads.js';
import { tagThreads } from '../src/pipeline.js';
import { inputFromPath, inputFromText } from '../src/sources/input.js';
import { readCsv } from '../src/sources/csv.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceItem } from '../src/sources/adapter.js';
import { twcs } from '../src/sources/twcs.js';

let clock = Date.UTC(2017, 9, 31, 12, 0, 0);

export function message(role: Role, text: string, overrides: Partial<RawMessage> = {}): Message {
  clock += 60_000;
  const id = overrides.id ?? String(clock / 1000);
  return toMessage({
    id,
    source: 'twcs',
    file: 'test.csv',
    line: 1,
    author: role === 'brand' ? 'AcmeHelp' : 'customer1',
    role,
    time: clock,
    text,
    parent: null,
    brand: role === 'brand' ? 'AcmeHelp' : null,
    ...overrides,
  });
}

/** A thread of alternating turns: `['customer', text], ['brand', text]…`; returns all tagged exchanges. */
export function tagTurns(...turns: [Role, string][]): TaggedExchange[] {
  const messages = turns.map(([role, text]) => message(role, text));
  const thread: Thread = { id: messages[0]!.id, messages };
  return tagThreads([thread]);
}

/** The last exchange of a thread: the one under test, after any context turns. */
export function lastExchange(...turns: [Role, string][]): TaggedExchange {
  const all = tagTurns(...turns);
  return all[all.length - 1]!;
}

export async function readTwcs(name: string, text: string | Buffer): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of twcs.read(inputFromText(name, text), {})) items.push(item);
  return items;
}

/** The rule taggers' labels of every exchange of a thread: the rule layer, whose labels and cues are features of the learned decision. */
export function ruleTurns(...turns: [Role, string][]): (RuleLabels & { exchange: Exchange })[] {
  const messages = turns.map(([role, text]) => message(role, text));
  const thread: Thread = { id: messages[0]!.id, messages };
  const counts = countTemplates([thread]);
  const ctx = tagContext(compileCues(), defaultModel(), (key) => counts.get(key) ?? 0);
  return cutExchanges(thread).map((exchange) => ({ exchange, ...ruleLabels(exchange, ctx) }));
}

/** The rule layer's labels of the last exchange of a thread. */
export function lastRuleExchange(...turns: [Role, string][]): RuleLabels & { exchange: Exchange } {
  const all = ruleTurns(...turns);
  return all[all.length - 1]!;
}

/**
 * The header and the first `rows` records of the real non-gold tweets (fixtures/twcs-head5000-nongold.csv),
 * byte for byte, in a temporary file: real data of a size the equivalence tests can run many times.
 * Replies whose parent falls past the cut start threads of their own, as in any partial export.
 */
export async function realTweets(rows: number): Promise<string> {
  const records: string[] = [];
  for await (const item of readCsv(inputFromPath('fixtures/twcs-head5000-nongold.csv'))) {
    if (!('record' in item)) continue;
    records.push(item.record.raw);
    if (records.length > rows) break;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'rapport-real-')), `twcs-${rows}.csv`);
  writeFileSync(path, `${records.join('\n')}\n`);
  return path;
}
