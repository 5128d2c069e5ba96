// rapport's loader of the wink core model builds exactly the object the package's own loader does.
import { deepStrictEqual } from 'node:assert';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { coreModel } from '../../src/nlp/wink.js';

const require = createRequire(import.meta.url);

describe('coreModel', () => {
  test('is deep-equal to the package core(): typed arrays, null-prototype hashes, sets and sizes', () => {
    const theirs = (require('wink-eng-lite-web-model') as { core(): unknown }).core();
    const ours = coreModel();
    expect(ours.lexicon).toBeInstanceOf(Uint32Array);
    expect(ours.lexicon.length).toBeGreaterThan(10_000);
    // Strict: prototypes (Object.create(null) hashes), Set members and typed-array contents must all match.
    deepStrictEqual(ours, theirs);
  });
});
