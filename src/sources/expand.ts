// Turn the paths a user gave into inputs: globs and directories expand; a maildir or a folder of .eml files is one input.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { InputError } from './errors.js';

/** Files a directory walk leaves out: documentation, licences, and companions read by another file's adapter. */
const NOT_INPUT = /^(\.|readme|licen[cs]e|copying|notice|changelog)|\.(md|bib|pdf|png|jpe?g|gif|html?)$|\.annotation\.txt$/i;

const GLOB = /[*?[{]/;

/** A maildir (`cur/` or `new/` inside) or a folder of `.eml` files: read as one email input. */
export function isMailDirectory(dir: string): boolean {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isDirectory() && (e.name === 'cur' || e.name === 'new'))) return true;
  const files = entries.filter((e) => e.isFile() && !NOT_INPUT.test(e.name));
  return files.length > 0 && files.every((e) => /\.eml(\.gz)?$/i.test(e.name));
}

/** Every input under a folder, in name order; symlinks are followed (files and folders), each real folder once. */
function walk(dir: string, out: string[], seen = new Set<string>()): void {
  const real = realpathSync(dir);
  if (seen.has(real)) return;
  seen.add(real);
  if (isMailDirectory(dir)) {
    out.push(dir);
    return;
  }
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (NOT_INPUT.test(e.name)) continue;
    const path = join(dir, e.name);
    let kind: 'file' | 'dir' | null = e.isDirectory() ? 'dir' : e.isFile() ? 'file' : null;
    if (e.isSymbolicLink()) {
      try {
        const target = statSync(path);
        kind = target.isDirectory() ? 'dir' : target.isFile() ? 'file' : null;
      } catch {
        kind = null; // a dangling link reads nothing
      }
    }
    if (kind === 'dir') walk(path, out, seen);
    else if (kind === 'file') out.push(path);
  }
}

const require = createRequire(import.meta.url);
let loaded: typeof import('tinyglobby') | undefined;

/** tinyglobby (its CommonJS build), loaded with the first glob: most runs name files (about 10 ms of a start). */
function tinyglobby(): typeof import('tinyglobby') {
  return (loaded ??= require('tinyglobby') as typeof import('tinyglobby'));
}

/**
 * A shell-like glob, by tinyglobby: `*`, `?`, `[…]`, `{a,b}` and `**`; dotfiles only when the pattern names
 * them. A matched folder is one match (walked later), not also every file under it.
 */
function expandGlob(pattern: string): string[] {
  const matches = tinyglobby().globSync(pattern, { onlyFiles: false, absolute: isAbsolute(pattern), expandDirectories: false }).map((m) => m.replace(/\/$/, ''));
  const dirs = matches.filter((m) => isDirectory(m));
  const kept = matches.filter((m) => !dirs.some((d) => m !== d && m.startsWith(`${d}/`))).sort();
  // A file reached through a symlinked folder too is kept under the name that is no detour.
  const byReal = new Map<string, string>();
  for (const m of kept) {
    const real = realpathSync(m);
    const seen = byReal.get(real);
    if (seen === undefined || (throughLink(seen) && !throughLink(m))) byReal.set(real, m);
  }
  const chosen = new Set(byReal.values());
  return kept.filter((m) => chosen.has(m));
}

/** Whether a path runs through a symlinked folder. */
function throughLink(path: string): boolean {
  const dir = dirname(resolve(path));
  return realpathSync(dir) !== dir;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The inputs behind the given paths, in order: files, `-`, and maildir/.eml folders. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      out.push(path);
      continue;
    }
    const matches = !existsSync(path) && GLOB.test(path) ? expandGlob(path) : [path];
    if (!matches.length) throw new InputError(path, null, 'no file matches this pattern');
    // One pattern or folder can reach a file by two names (a symlinked folder): it is read once.
    const reached = new Set<string>();
    const add = (file: string): void => {
      const real = realpathSync(file);
      if (reached.has(real)) return;
      reached.add(real);
      out.push(file);
    };
    for (const match of matches) {
      if (!existsSync(match)) throw new InputError(match, null, 'no such file');
      if (!statSync(match).isDirectory()) {
        add(match);
        continue;
      }
      const found: string[] = [];
      walk(match, found);
      if (!found.length) throw new InputError(match, null, 'no input files in this directory');
      found.forEach(add);
    }
  }
  return out;
}
