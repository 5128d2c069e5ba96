#!/usr/bin/env node
// Thin launcher for the built CLI (dist/ is built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('rapport: not built yet; run `npm install` (or `npm run build`) in the rapport folder first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv);
