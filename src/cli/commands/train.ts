// `rapport train`: fit the learned decision on labelled conversations; `--cv k` measures it by k-fold cross-validation.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { TaggedExchange, Thread } from '../../model/types.js';
import { readGold } from '../../eval/gold.js';
import { crossValidate, scoreBySource, type SourceScores } from '../../train/cv.js';
import { labelledExchanges } from '../../train/examples.js';
import { DEFAULT_FIT, fitModel, modelText } from '../../train/fit.js';
import { renderSourceScores } from '../../train/render.js';
import { loadConfig } from '../../config.js';
import { emptyModel } from '../../taggers/model.js';
import { EXIT, UsageError } from '../errors.js';
import { warn, writeStdout } from '../io.js';
import { writeOutputFile } from '../output-file.js';
import { addInputOptions, analyzeFiles, cuesFor, type InputOptions } from '../shared.js';

interface TrainOptions extends InputOptions {
  gold: string;
  output?: string;
  cv?: number;
  seed: number;
  format: 'table' | 'json';
}

function positiveInt(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}`);
    return n;
  };
}

async function train(files: string[], options: TrainOptions): Promise<number> {
  if (!options.output && !options.cv) throw new UsageError('nothing to do: give -o <model.json> to write a model, --cv <k> to measure one, or both');
  const gold = readGold(options.gold);
  const { config, path } = loadConfig(options.config);
  const cues = cuesFor(config, path);
  const threads: { thread: Thread; tagged: TaggedExchange[] }[] = [];
  // The exchanges are what is needed, not labels: tagged without a model, a retrain never needs the built-in one.
  await analyzeFiles(files, { ...options, redact: false }, { reduce: (thread, tagged) => threads.push({ thread, tagged }), model: emptyModel() });
  const examples = labelledExchanges(options.gold, gold, threads, cues);
  if (!examples.length) throw new UsageError(`${options.gold}: no labelled exchanges to train on`);
  const fit = { ...DEFAULT_FIT, seed: options.seed };
  let scores: SourceScores[] | null = null;
  if (options.cv) {
    const groups = new Set(examples.map((e) => e.group)).size;
    if (options.cv > groups) throw new UsageError(`--cv ${options.cv}: only ${groups} thread(s) to fold`);
    scores = scoreBySource(crossValidate(examples, options.cv, fit), fit.seed);
  }
  if (options.output) {
    writeOutputFile(options.output, modelText(fitModel(examples, fit)));
    if (!options.quiet) warn(`rapport: ${options.output}: model trained on ${examples.length} labelled exchanges`);
  }
  if (scores) await writeStdout(options.format === 'json' ? `${JSON.stringify({ folds: options.cv, seed: fit.seed, sources: scores }, null, 2)}\n` : renderSourceScores(scores, `${options.cv}-fold cross-validation by thread`));
  return EXIT.ok;
}

export function trainCommand(run: (code: Promise<number>) => void): Command {
  return addInputOptions(
    new Command('train')
      .description('fit the labels to your own labelled conversations: writes a model for --model; --cv k measures it')
      .requiredOption('--gold <labels.jsonl>', 'reference labels, one JSON object per exchange id (as rapport eval reads)')
      .argument('<files...>', 'the labelled threads')
      .option('-o, --output <model.json>', 'write the model here')
      .option('--cv <k>', 'k-fold cross-validation by thread: macro-F1 per source with 90% bootstrap intervals', positiveInt('--cv', 2))
      .option('--seed <n>', 'seed for the training order and the folds', positiveInt('--seed', 0), DEFAULT_FIT.seed)
      .addOption(new Option('-f, --format <format>', 'format of the cross-validation scores').choices(['table', 'json']).default('table')),
  ).action((files: string[], options: TrainOptions) => run(train(files, options)));
}
