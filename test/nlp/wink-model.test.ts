// rapport's loader of the wink model builds exactly the objects the package's own loader does.
import { deepStrictEqual } from 'node:assert';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { coreModel, winkModel } from '../../src/nlp/wink.js';

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

describe('winkModel', () => {
  test('has the members of the package model, each the same function, except the core loader', () => {
    const theirs = require('wink-eng-lite-web-model') as Record<string, unknown> & { addons: Record<string, unknown> };
    const ours = winkModel() as unknown as Record<string, unknown> & { addons: Record<string, unknown> };
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    for (const key of Object.keys(theirs)) if (key !== 'core' && key !== 'addons') expect(ours[key], key).toBe(theirs[key]);
    expect(ours.core).toBe(coreModel);
    expect(Object.keys(ours.addons)).toEqual(Object.keys(theirs.addons));
    for (const key of Object.keys(theirs.addons)) expect(ours.addons[key], key).toBe(theirs.addons[key]);
    expect(Object.getPrototypeOf(ours)).toBe(Object.getPrototypeOf(theirs));
  });
});
