#!/usr/bin/env node
// Thin launcher for the built CLI (dist/ is built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// Regular expressions compile straight to machine code, as V8 did before it first interpreted each one: a
// run uses hundreds of cue expressions a few times each, and compiling most of them twice (bytecode, then
// code on their second use) cost about a tenth of tagging a small export (twcs-sample 0.77 -> 0.69 s CPU,
// 4,427 tweets 3.6 -> 3.4 s). Set before any expression is compiled; matches are the same either way.
setFlagsFromString('--no-regexp-tier-up');

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('rapport: not built yet; run `npm install` (or `npm run build`) in the rapport folder first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv);
