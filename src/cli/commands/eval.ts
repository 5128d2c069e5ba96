// `rapport eval`: measure the tagger against reference labels.
import { Command, Option } from 'commander';
import { evaluate } from '../../eval/evaluate.js';
import { readGold } from '../../eval/gold.js';
import { MASKS } from '../../text/redact.js';
import type { TaggedExchange, Thread } from '../../model/types.js';
import { renderEval } from '../../eval/render.js';
import { EXIT } from '../errors.js';
import { writeStdout } from '../io.js';
import { addInputOptions, analyzeFiles, type InputOptions } from '../shared.js';

/** An id the redactor masked (it held an address: redact/result.ts Redactor.id); its original is not known here. */
const isMaskedId = (id: string): boolean => id.includes(MASKS.email);

interface EvalOptions extends InputOptions {
  gold: string;
  format?: 'table' | 'json';
}

async function runEval(files: string[], options: EvalOptions): Promise<number> {
  const gold = readGold(options.gold);
  // Only the labelled exchanges are kept as the threads stream by, so memory grows with the gold file, not the inputs.
  // An id that holds an address is masked under --redact, and its masked form is known only as it is met: those are kept too.
  const wanted = new Set(gold.map((g) => g.id));
  const kept: TaggedExchange[] = [];
  const keep = (_thread: Thread, tagged: TaggedExchange[]): void => {
    for (const t of tagged) if (wanted.has(t.exchange.id) || isMaskedId(t.exchange.id)) kept.push(t);
  };
  const result = await analyzeFiles(files, options, { reduce: keep });
  const maskId = result.maskId;
  const scores = evaluate(options.gold, maskId ? gold.map((g) => ({ ...g, id: maskId(g.id) })) : gold, kept);
  await writeStdout(options.format === 'json' ? `${JSON.stringify(scores, null, 2)}\n` : renderEval(scores));
  return EXIT.ok;
}

export function evalCommand(run: (code: Promise<number>) => void): Command {
  return addInputOptions(
    new Command('eval')
      .description('measure the tagger against reference labels: accuracy, macro-F1, confusion, worst misses')
      .requiredOption('--gold <labels.jsonl>', 'reference labels, one JSON object per exchange id')
      .argument('<files...>', 'the labelled threads')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table')),
  ).action((files: string[], options: EvalOptions) => run(runEval(files, options)));
}
