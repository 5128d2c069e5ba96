// Every source adapter, fed random documents: rows become messages or diagnostics, never exceptions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/sources/errors.js';
import { SOURCES } from '../../src/sources/index.js';
import { inputFromText } from '../../src/sources/input.js';
import { csvField, TWCS_HEADER } from './arbitraries.js';
import { fuzz, FUZZ_TIMEOUT } from './fuzz.js';

/** Text a stranger might put in a field: unicode, quotes, separators, escapes, controls. */
const wild = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', '{', '}', ':', '[', ']', '\\', '\u0000', '\u001b', '\u202e', '\ufeff', 'é', '👍', '1', ' '), maxLength: 20 }),
  fc.constantFrom('True', 'False', '3.0', '925864203779198976', 'Tue Oct 31 22:10:47 +0000 2017', 'Tue Oct 31 22:10:47 +0000 2099', ''),
);

/** A CSV document: a real header (or a random one), then rows of random width and quoting. */
const csvDoc = fc
  .tuple(
    fc.oneof(fc.constant(TWCS_HEADER), fc.array(wild, { minLength: 1, maxLength: 8 }).map((h) => h.map(csvField).join(','))),
    fc.array(fc.tuple(fc.array(wild, { minLength: 1, maxLength: 9 }), fc.boolean()), { maxLength: 10 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([header, rows, eol]) => [header, ...rows.map(([fields, quoteAll]) => fields.map((f) => (quoteAll ? `"${f.replace(/"/g, '""')}"` : f)).join(','))].join(eol));

/** An NDJSON document: objects with message-like keys, broken lines and non-objects. */
const ndjsonDoc = fc
  .array(
    fc.oneof(
      fc.record({ id: wild, conversation_id: wild, author: wild, role: wild, timestamp: wild, text: wild, reply_to: wild }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      wild,
    ),
    { maxLength: 10 },
  )
  .map((lines) => lines.join('\n'));

const documents = fc.oneof(csvDoc, ndjsonDoc, fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)));

describe('source adapters, property-based', () => {
  for (const adapter of Object.values(SOURCES)) {
    it(
      `${adapter.kind}: random CSV and NDJSON documents give messages and diagnostics, or one InputError`,
      async () => {
        await fc.assert(
          fc.asyncProperty(documents, async (doc) => {
            let items = 0;
            try {
              for await (const item of adapter.read(inputFromText('doc', doc), {})) {
                items++;
                if ('message' in item) {
                  expect(typeof item.message.id).toBe('string');
                  expect(typeof item.message.text).toBe('string');
                } else {
                  expect(item.diagnostic.file).toBe('doc');
                  expect(typeof item.diagnostic.message).toBe('string');
                }
              }
            } catch (error) {
              // Only a whole unusable file may stop an adapter, and it says so in one line.
              expect(error).toBeInstanceOf(InputError);
              expect((error as Error).message).not.toContain('\n');
            }
            return items >= 0;
          }),
          fuzz(2000),
        );
      },
      FUZZ_TIMEOUT,
    );
  }
});

describe('the whole pipeline, property-based', () => {
  it(
    'accounts for every record of random documents: read = used + rejected, nothing thrown but InputError',
    async () => {
      const { runPipeline } = await import('../../src/pipeline.js');
      await fc.assert(
        fc.asyncProperty(csvDoc, async (doc) => {
          try {
            const result = await runPipeline([inputFromText('doc', doc)], { source: 'twcs' });
            for (const f of result.files) expect(f.read).toBe(f.used + f.rejected);
            const used = result.files.reduce((n, f) => n + f.used, 0);
            expect(result.threads.reduce((n, t) => n + t.messages.length, 0)).toBe(used);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
          }
        }),
        fuzz(300),
      );
    },
    FUZZ_TIMEOUT,
  );
});
