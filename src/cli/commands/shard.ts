// `rapport shard`: split an export into N files by thread, for `rapport tag` on each in parallel.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { RawMessage } from '../../model/types.js';
import { shardLines } from '../../pipeline/shard.js';
import { readCsv } from '../../sources/csv.js';
import { detectSource } from '../../sources/detect.js';
import { EXIT, UsageError, WriteError } from '../errors.js';
import { warn } from '../io.js';
import { checkOutputs, role, writeOutputFile } from '../output-file.js';
import { writeReason } from '../write-reason.js';
import { templateOf } from '../../pipeline/templates.js';
import { scriptsFile } from '../../pipeline/scripts-file.js';
import { openInputs, parseSource, type InputOptions } from '../shared.js';

interface ShardOptions extends InputOptions {
  shards: number;
  outDir: string;
}

function parseShards(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000');
  return n;
}

function write(stream: WriteStream, text: string): Promise<void> | null {
  return stream.write(text) ? null : new Promise((resolve) => stream.once('drain', resolve));
}

async function shard(file: string, options: ShardOptions): Promise<number> {
  if (file === '-') throw new UsageError('rapport shard reads its input twice: give a file, not standard input');
  const [named] = openInputs([file]);
  if (named!.path === null) throw new UsageError(`rapport shard reads its input twice: ${file} is a pipe or device, give a regular file`);
  const { adapter, input } = await detectSource(named!, parseSource(options.source));
  const stem = basename(file, extname(file));
  const width = String(options.shards).length;
  const names = Array.from({ length: options.shards }, (_, i) => join(options.outDir, `${stem}.shard-${String(i + 1).padStart(width, '0')}-of-${options.shards}.csv`));
  const scriptsPath = join(options.outDir, `${stem}.scripts.json`);
  checkOutputs([...names.map((name) => role('shard', name)), role('script counts', scriptsPath)], [role('input', file)]);
  if (adapter.kind !== 'twcs') throw new UsageError(`rapport shard splits CSV exports by reply thread; ${adapter.kind} is not supported yet`);
  // Pass 1: threads from ids and reply links only (texts dropped as they are read).
  // Script counts need the whole input too: they go beside the shards for `rapport tag --scripts`.
  const messages: RawMessage[] = [];
  const scripts = new Map<string, number>();
  for await (const item of adapter.read(input, {})) {
    if (!('message' in item)) continue;
    if (item.message.role === 'brand') {
      const key = templateOf({ role: 'brand', text: item.message.text });
      scripts.set(key, (scripts.get(key) ?? 0) + 1);
    }
    messages.push({ ...item.message, text: '' });
  }
  const lines = shardLines(messages, options.shards);
  messages.length = 0;
  // Pass 2: every record as it was, the header into every shard; rows that were rejected go to shard 0.
  mkdirSync(options.outDir, { recursive: true });
  const outs = names.map((name) => createWriteStream(name));
  let failed = null as { name: string; error: unknown } | null;
  outs.forEach((out, i) => out.on('error', (error) => {
    failed ??= { name: names[i]!, error };
    out.emit('drain');
  }));
  let header = true;
  let skipped = 0;
  for await (const item of readCsv(input)) {
    if ('diagnostic' in item) {
      skipped++;
      continue;
    }
    const text = `${item.record.raw}\n`;
    if (header) {
      for (const out of outs) await write(out, text);
      header = false;
      continue;
    }
    await write(outs[lines.get(item.record.line) ?? 0]!, text);
    if (failed) break;
  }
  await Promise.all(outs.map((out) => new Promise<void>((resolve) => (out.destroyed ? resolve() : out.end(() => resolve())))));
  if (failed) throw new WriteError(failed.name, writeReason(failed.error));
  writeOutputFile(scriptsPath, scriptsFile(scripts));
  if (!options.quiet) {
    warn(`rapport: wrote ${options.shards} shard(s) of ${file} and ${stem}.scripts.json to ${options.outDir}; tag each with --scripts ${join(options.outDir, `${stem}.scripts.json`)}`);
    if (skipped) warn(`rapport: ${skipped} unreadable CSV record(s) left out (rapport analyze ${file} --rejects FILE lists them)`);
  }
  return EXIT.ok;
}

export function shardCommand(run: (code: Promise<number>) => void): Command {
  return new Command('shard')
    .description('split an export into N files by thread, so `rapport tag` can run on each in parallel')
    .argument('<file>', 'export to split')
    .requiredOption('-n, --shards <n>', 'number of shards', parseShards)
    .requiredOption('-d, --out-dir <dir>', 'folder for the shard files (<name>.shard-01-of-N.csv)')
    .option('--source <kind>', 'input format, instead of detecting it')
    .option('-q, --quiet', 'no summary on stderr')
    .action((file: string, options: ShardOptions) => run(shard(file, options)));
}
