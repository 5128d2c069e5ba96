// `rapport topics`: what customers raise, ask for, complain about and praise — by topic, with quotes.
import { Command, InvalidArgumentError, Option } from 'commander';
import { Chalk } from 'chalk';
import { voiceMarkdown, voiceTable } from '../../report/reporters/voice.js';
import type { TaggedExchange } from '../../model/types.js';
import { mdText } from '../../report/reporters/markdown-text.js';
import { terminalSafe } from '../../text/sanitize.js';
import { VoiceReducer, type VoiceOfCustomer } from '../../topics/build.js';
import { isoWeek } from '../../topics/week.js';
import { EXIT } from '../errors.js';
import { useColor, writeStdout } from '../io.js';
import { addInputOptions, analyzeFiles, type InputOptions } from '../shared.js';
import { parseCount } from './analyze.js';

type TopicsFormat = 'table' | 'markdown' | 'json';

type Grouping = 'brand' | 'week';

interface TopicsOptions extends InputOptions {
  format?: TopicsFormat;
  top?: number;
  by?: Grouping[];
  brands?: number;
  color?: boolean;
}

interface TopicsResult {
  overall: VoiceOfCustomer;
  byBrand?: { brand: string; voice: VoiceOfCustomer }[];
  byWeek?: { week: string; voice: VoiceOfCustomer }[];
}

const GROUPINGS: readonly Grouping[] = ['brand', 'week'];

function parseGrouping(value: string, previous: Grouping[] = []): Grouping[] {
  if (!(GROUPINGS as readonly string[]).includes(value)) throw new InvalidArgumentError(`Allowed choices are ${GROUPINGS.join(', ')}.`);
  return [...previous, value as Grouping];
}

/** Voice reducers by key, with the exchanges each was given. */
class Keyed {
  readonly reducers = new Map<string, { voice: VoiceReducer; exchanges: number }>();
  constructor(private readonly top: number) {}
  add(key: string, t: TaggedExchange): void {
    let entry = this.reducers.get(key);
    if (!entry) this.reducers.set(key, (entry = { voice: new VoiceReducer({ top: this.top }), exchanges: 0 }));
    entry.voice.add(t);
    entry.exchanges++;
  }
  close(): void {
    for (const { voice } of this.reducers.values()) voice.close();
  }
}

async function topics(files: string[], options: TopicsOptions): Promise<number> {
  const top = options.top ?? 10;
  const overall = new VoiceReducer({ top });
  const byBrand = options.by?.includes('brand') ? new Keyed(top) : null;
  const byWeek = options.by?.includes('week') ? new Keyed(top) : null;
  let out: TopicsResult;
  try {
    // Exchanges are reduced as threads finish: a large export is never held whole.
    await analyzeFiles(files, options, {
      reduce: (_thread, tagged) => {
        for (const t of tagged) {
          overall.add(t);
          byBrand?.add(t.exchange.account ?? '(none)', t);
          // Weeks in order, so topics can be seen rising and falling (ISO weeks, UTC).
          byWeek?.add(t.exchange.time === null ? '(no time)' : isoWeek(t.exchange.time), t);
        }
      },
    });
    out = { overall: overall.result() };
    if (byBrand) {
      out.byBrand = [...byBrand.reducers.entries()]
        .sort((a, b) => b[1].exchanges - a[1].exchanges || (a[0] < b[0] ? -1 : 1))
        .slice(0, options.brands ?? 5)
        .map(([brand, { voice }]) => ({ brand, voice: voice.result() }));
    }
    if (byWeek) {
      out.byWeek = [...byWeek.reducers.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, { voice }]) => ({ week, voice: voice.result() }));
    }
  } finally {
    overall.close();
    byBrand?.close();
    byWeek?.close();
  }
  const sections = [...(out.byBrand ?? []).map((b) => ({ title: b.brand, voice: b.voice })), ...(out.byWeek ?? []).map((w) => ({ title: w.week, voice: w.voice }))];
  const format: TopicsFormat = options.format ?? (process.stdout.isTTY ? 'table' : 'json');
  const c = new Chalk({ level: useColor(process.stdout, options.color) ? 1 : 0 });
  let text: string;
  if (format === 'json') text = `${JSON.stringify(out, null, 2)}\n`;
  else if (format === 'markdown') {
    text = `${voiceMarkdown(out.overall, top)}\n${sections.map((g) => `\n${voiceMarkdown(g.voice, top).replace('## Voice of the customer', `## ${mdText(g.title)}`)}\n`).join('')}`;
  } else {
    text = `${voiceTable(out.overall, c, top)}\n${sections.map((g) => `\n${c.underline(terminalSafe(g.title))}\n${voiceTable(g.voice, c, top)}\n`).join('')}`;
  }
  await writeStdout(text);
  return EXIT.ok;
}

export function topicsCommand(run: (code: Promise<number>) => void): Command {
  return addInputOptions(
    new Command('topics')
      .description('voice of the customer: top topics with volume, negative share, reply rate and quotes; requests, complaints, praise')
      .argument('<files...>', 'exports to read (- for standard input)')
      .addOption(new Option('-f, --format <format>', 'output format (default: table in a terminal, json when piped)').choices(['table', 'markdown', 'json']))
      .option('--top <n>', 'topics per list', parseCount)
      .addOption(new Option('--by <grouping>', 'also list topics per brand account or ISO week (repeatable)').argParser(parseGrouping))
      .option('--brands <n>', 'with --by brand: how many of the largest accounts', parseCount)
      .option('--no-color', 'no colour even in a terminal'),
  ).action((files: string[], options: TopicsOptions) => run(topics(files, options)));
}
