// Random NDJSON exports, mbox files and config files (issue 18): every record is accounted for (read = used + rejected),
// and the binary never prints a stack trace and exits 0, 1 or 2. `npm run fuzz` runs them ×20 with a random seed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { InputError } from '../../src/sources/errors.js';
import { inputFromText } from '../../src/sources/input.js';
import type { SourceKind } from '../../src/model/types.js';
import { configFile, mboxExport, ndjsonExport } from './arbitraries.js';
import { fuzz, FUZZ_TIMEOUT } from './fuzz.js';
import { BIN, tempDir } from './spawn.js';

const tmp = tempDir();

describe('random exports through the pipeline, in process', () => {
  const cases: [string, SourceKind, fc.Arbitrary<string>][] = [
    ['NDJSON', 'chat-json', ndjsonExport],
    ['mbox', 'mbox', mboxExport],
  ];
  for (const [what, source, documents] of cases) {
    it(
      `${what}: read = used + rejected, and only a whole unusable file is an error`,
      async () => {
        await fc.assert(
          fc.asyncProperty(documents, async (doc) => {
            try {
              const result = await runPipeline([inputFromText('doc', doc)], { source, workers: 0 });
              for (const f of result.files) expect(f.read).toBe(f.used + f.rejected);
              expect(result.threads.reduce((n, t) => n + t.messages.length, 0)).toBe(result.files[0]!.used);
            } catch (error) {
              expect(error).toBeInstanceOf(InputError);
              expect((error as Error).message).not.toContain('\n');
            }
          }),
          fuzz(60),
        );
      },
      FUZZ_TIMEOUT,
    );
  }
});

/** One run of the binary on a generated export with a generated config. */
function run(name: string, doc: string, config: string | null) {
  const file = join(tmp, name);
  writeFileSync(file, doc);
  const args = [BIN, 'analyze', file, '-f', 'json', '-q', '--rejects', join(tmp, 'rejects.ndjson')];
  if (config !== null) {
    writeFileSync(join(tmp, 'config.json'), config);
    args.push('--config', join(tmp, 'config.json'));
  }
  return spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' }, timeout: 60_000 });
}

describe('random exports and configs through the binary', () => {
  it(
    'never a stack trace, exit 0, 1 or 2, and a report that accounts for every record',
    () => {
      const cases = fc.oneof(
        fc.tuple(fc.constant('doc.ndjson'), ndjsonExport, fc.option(configFile, { freq: 3 })),
        fc.tuple(fc.constant('doc.mbox'), mboxExport, fc.option(configFile, { freq: 3 })),
      );
      fc.assert(
        fc.property(cases, ([name, doc, config]) => {
          const r = run(name, doc, config);
          expect([0, 1, 2], r.stderr).toContain(r.status);
          expect(r.stderr).not.toMatch(/\n\s+at |^\s+at /m);
          if (r.status === 0) {
            for (const f of JSON.parse(r.stdout).inputs) expect(f.read).toBe(f.used + f.rejected);
          } else {
            expect(r.stderr.trim().split('\n')).toHaveLength(1);
          }
        }),
        fuzz(4),
      );
    },
    FUZZ_TIMEOUT * 4,
  );
});
