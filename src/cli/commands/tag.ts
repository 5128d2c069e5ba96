// `rapport tag`: one JSON object per exchange (NDJSON) with labels and evidence.
import { Command } from 'commander';
import type { TaggedExchange } from '../../model/types.js';
import { exchangeRecord } from '../../report/exchange-json.js';
import { EXIT } from '../errors.js';
import { writeStdout } from '../io.js';
import { addInputOptions, analyzeFiles, type InputOptions } from '../shared.js';

/** Lines written per stdout write. */
const BATCH = 500;

/**
 * Records are written as they are tagged: in thread order, or for an input over 20,000 messages in the
 * order threads complete (pipeline/stream.ts ORDERED_MESSAGES); nothing is kept.
 */
async function tag(files: string[], options: InputOptions): Promise<number> {
  const sink = async (tagged: TaggedExchange[]): Promise<void> => {
    const lines: string[] = [];
    for (const t of tagged) {
      lines.push(JSON.stringify(exchangeRecord(t)));
      if (lines.length === BATCH) await writeStdout(`${lines.splice(0).join('\n')}\n`);
    }
    if (lines.length) await writeStdout(`${lines.join('\n')}\n`);
  };
  await analyzeFiles(files, options, { sink });
  return EXIT.ok;
}

export function tagCommand(run: (code: Promise<number>) => void): Command {
  return addInputOptions(
    new Command('tag')
      .description('print one JSON object per exchange (NDJSON) with labels and evidence')
      .argument('<files...>', 'exports to read (- for standard input)')
      .option('--scripts <file>', 'script counts of the whole input, from rapport shard (tag a shard as the whole would be)'),
  ).action((files: string[], options: InputOptions) => run(tag(files, options)));
}
