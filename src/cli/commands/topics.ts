// `rapport topics`: what customers raise, ask for, complain about and praise — by topic, with quotes.
import { Command, Option } from 'commander';
import { Chalk } from 'chalk';
import { voiceMarkdown, voiceTable } from '../../report/reporters/voice.js';
import { buildVoice, type VoiceOfCustomer } from '../../topics/build.js';
import { EXIT } from '../errors.js';
import { useColor, writeStdout } from '../io.js';
import { addInputOptions, analyzeFiles, type InputOptions } from '../shared.js';
import { parseCount } from './analyze.js';

type TopicsFormat = 'table' | 'markdown' | 'json';

interface TopicsOptions extends InputOptions {
  format?: TopicsFormat;
  top?: number;
  by?: 'brand';
  brands?: number;
  color?: boolean;
}

interface TopicsResult {
  overall: VoiceOfCustomer;
  byBrand?: { brand: string; voice: VoiceOfCustomer }[];
}

async function topics(files: string[], options: TopicsOptions): Promise<number> {
  const result = await analyzeFiles(files, options);
  const top = options.top ?? 10;
  const out: TopicsResult = { overall: buildVoice(result.tagged, { top }) };
  if (options.by === 'brand') {
    const groups = new Map<string, typeof result.tagged>();
    for (const t of result.tagged) {
      const key = t.exchange.account ?? '(none)';
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    out.byBrand = [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
      .slice(0, options.brands ?? 5)
      .map(([brand, list]) => ({ brand, voice: buildVoice(list, { top }) }));
  }
  const format: TopicsFormat = options.format ?? (process.stdout.isTTY ? 'table' : 'json');
  const c = new Chalk({ level: useColor(process.stdout, options.color) ? 1 : 0 });
  let text: string;
  if (format === 'json') text = `${JSON.stringify(out, null, 2)}\n`;
  else if (format === 'markdown') {
    text = `${voiceMarkdown(out.overall, top)}\n${(out.byBrand ?? []).map((b) => `\n${voiceMarkdown(b.voice, top).replace('## Voice of the customer', `## ${b.brand}`)}\n`).join('')}`;
  } else {
    text = `${voiceTable(out.overall, c, top)}\n${(out.byBrand ?? []).map((b) => `\n${c.underline(b.brand)}\n${voiceTable(b.voice, c, top)}\n`).join('')}`;
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
      .addOption(new Option('--by <grouping>', 'also list topics per brand account').choices(['brand']))
      .option('--brands <n>', 'with --by brand: how many of the largest accounts', parseCount)
      .option('--no-color', 'no colour even in a terminal'),
  ).action((files: string[], options: TopicsOptions) => run(topics(files, options)));
}
