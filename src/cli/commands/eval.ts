// `rapport eval`: measure the tagger against reference labels.
import { Command, Option } from 'commander';
import { evaluate } from '../../eval/evaluate.js';
import { readGold } from '../../eval/gold.js';
import { renderEval } from '../../eval/render.js';
import { EXIT } from '../errors.js';
import { writeStdout } from '../io.js';
import { addInputOptions, analyzeFiles, type InputOptions } from '../shared.js';

interface EvalOptions extends InputOptions {
  gold: string;
  format?: 'table' | 'json';
}

async function runEval(files: string[], options: EvalOptions): Promise<number> {
  const gold = readGold(options.gold);
  const result = await analyzeFiles(files, options);
  // Under --redact an id that held an address was masked: the gold ids are looked up as they were masked.
  const maskId = result.maskId;
  const scores = evaluate(options.gold, maskId ? gold.map((g) => ({ ...g, id: maskId(g.id) })) : gold, result.tagged);
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
