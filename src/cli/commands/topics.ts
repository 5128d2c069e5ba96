// `rapport topics`: what customers raise, ask for, complain about and praise — by topic, with quotes.
import { Command, InvalidArgumentError, Option } from 'commander';
import { Chalk } from 'chalk';
import { voiceMarkdown, voiceTable } from '../../report/reporters/voice.js';
import type { TaggedExchange } from '../../model/types.js';
import { mdText } from '../../report/reporters/markdown-text.js';
import { terminalSafe } from '../../text/sanitize.js';
import { buildVoice, type VoiceOfCustomer } from '../../topics/build.js';
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

function groupTagged(tagged: readonly TaggedExchange[], key: (t: TaggedExchange) => string): Map<string, TaggedExchange[]> {
  const groups = new Map<string, TaggedExchange[]>();
  for (const t of tagged) {
    const k = key(t);
    const list = groups.get(k);
    if (list) list.push(t);
    else groups.set(k, [t]);
  }
  return groups;
}

async function topics(files: string[], options: TopicsOptions): Promise<number> {
  const result = await analyzeFiles(files, options, 'report');
  const top = options.top ?? 10;
  const out: TopicsResult = { overall: buildVoice(result.tagged, { top }) };
  if (options.by?.includes('brand')) {
    out.byBrand = [...groupTagged(result.tagged, (t) => t.exchange.account ?? '(none)').entries()]
      .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.brands ?? 5)
      .map(([brand, list]) => ({ brand, voice: buildVoice(list, { top }) }));
  }
  if (options.by?.includes('week')) {
    // Weeks in order, so topics can be seen rising and falling (ISO weeks, UTC).
    out.byWeek = [...groupTagged(result.tagged, (t) => (t.exchange.time === null ? '(no time)' : isoWeek(t.exchange.time))).entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([week, list]) => ({ week, voice: buildVoice(list, { top }) }));
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
