// `rapport explain <exchange-id> <inputs...>`: one exchange with its labels and highlighted evidence.
import { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { explainReporter } from '../../report/explain.js';
import { EXIT, UsageError } from '../errors.js';
import { useColor, writeStdout } from '../io.js';
import { addInputOptions, analyzeFiles, decisionsOf, type InputOptions } from '../shared.js';

interface ExplainOptions extends InputOptions {
  color?: boolean;
}

async function explain(id: string, files: string[], options: ExplainOptions): Promise<number> {
  const result = await analyzeFiles(files, options);
  const found = result.tagged.find((t) => t.exchange.id === id);
  if (!found) {
    const inThread = result.tagged.find((t) => t.exchange.customerTurn.concat(t.exchange.brandTurn).some((m) => m.id === id));
    throw new UsageError(
      inThread
        ? `${id} is a message inside exchange ${inThread.exchange.id}, not an exchange id; try: rapport explain ${inThread.exchange.id} …`
        : `no exchange with id ${id} in the inputs (exchange ids are the ids of their first message; rapport tag lists them)`,
    );
  }
  // Under --redact the threads hold masked text; the labels were decided on the original, so no contributions are shown.
  const redacting = options.redact ?? loadConfig(options.config).config.redact ?? false;
  const decisions = redacting ? undefined : decisionsOf(found.exchange, result.threads, options).decisions;
  await writeStdout(explainReporter(found, { color: useColor(process.stdout, options.color), decisions }));
  return EXIT.ok;
}

export function explainCommand(run: (code: Promise<number>) => void): Command {
  return addInputOptions(
    new Command('explain')
      .description('show one exchange with its labels and the evidence highlighted in the messages')
      .argument('<exchange-id>', 'the id of the exchange (the id of its first message)')
      .argument('<files...>', 'exports to read (- for standard input)')
      .option('--no-color', 'no colour even in a terminal'),
  ).action((id: string, files: string[], options: ExplainOptions) => run(explain(id, files, options)));
}
