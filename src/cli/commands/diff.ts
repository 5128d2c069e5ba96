// `rapport diff`: compare two JSON reports week over week, and gate on the change.
import { Command, Option } from 'commander';
import { diffReports } from '../../report/diff.js';
import { diffMarkdown, diffTable } from '../../report/reporters/diff.js';
import { useColor } from '../io.js';
import { writeGated } from '../finish.js';
import { checkOutputs, role } from '../output-file.js';
import { readReportFile } from '../report-file.js';
import { parseCount, parseScore, parseShare } from './analyze.js';

type DiffFormat = 'table' | 'markdown' | 'json';

interface DiffOptions {
  format?: DiffFormat;
  output?: string;
  top?: number;
  failUnder?: number;
  failOnDrop?: number;
  maxUnanswered?: number;
  color?: boolean;
}

const RENDER: Record<DiffFormat, (diff: ReturnType<typeof diffReports>, o: DiffOptions & { colorOn: boolean }) => string> = {
  table: (diff, o) => diffTable(diff, { color: o.colorOn, top: o.top }),
  markdown: (diff, o) => diffMarkdown(diff, { top: o.top }),
  json: (diff) => `${JSON.stringify(diff, null, 2)}\n`,
};

async function diff(beforePath: string, afterPath: string, options: DiffOptions): Promise<number> {
  checkOutputs([role('-o', options.output)], [role('before report', beforePath), role('after report', afterPath)], !options.output);
  const before = readReportFile(beforePath);
  const after = readReportFile(afterPath);
  const format: DiffFormat = options.format ?? (process.stdout.isTTY && !options.output ? 'table' : 'markdown');
  const colorOn = !options.output && useColor(process.stdout, options.color);
  const text = RENDER[format](diffReports(before, after), { ...options, colorOn });
  return writeGated(text, options.output, after, options, before);
}

export function diffCommand(run: (code: Promise<number>) => void): Command {
  return new Command('diff')
    .description('compare two JSON reports (last week, this week): health and axes per group, new and resolved at-risk items')
    .argument('<before>', 'the earlier report (rapport analyze -f json)')
    .argument('<after>', 'the later report')
    .addOption(new Option('-f, --format <format>', 'output format (default: table in a terminal, markdown when piped)').choices(Object.keys(RENDER)))
    .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
    .option('--top <n>', 'rows per grouping and at-risk items shown', parseCount)
    .option('--fail-under <score>', 'exit 1 when health after is below this score', parseScore)
    .option('--fail-on-drop <points>', 'exit 1 when health fell by more than this many points', parseScore)
    .option('--max-unanswered <share>', 'exit 1 when more than this share of customer turns is unanswered after', parseShare)
    .option('--no-color', 'no colour even in a terminal')
    .action((before: string, after: string, options: DiffOptions) => run(diff(before, after, options)));
}
