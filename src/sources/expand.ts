// Turn the paths a user gave into inputs: globs and directories expand; a maildir or a folder of .eml files is one input.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './errors.js';

/** Files a directory walk leaves out: documentation, licences, and companions read by another file's adapter. */
const NOT_INPUT = /^(\.|readme|licen[cs]e|copying|notice|changelog)|\.(md|bib|pdf|png|jpe?g|gif|html?)$|\.annotation\.txt$/i;

const GLOB = /[*?[]/;

/** A maildir (`cur/` or `new/` inside) or a folder of `.eml` files: read as one email input. */
export function isMailDirectory(dir: string): boolean {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isDirectory() && (e.name === 'cur' || e.name === 'new'))) return true;
  const files = entries.filter((e) => e.isFile() && !NOT_INPUT.test(e.name));
  return files.length > 0 && files.every((e) => /\.eml(\.gz)?$/i.test(e.name));
}

function walk(dir: string, out: string[]): void {
  if (isMailDirectory(dir)) {
    out.push(dir);
    return;
  }
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (NOT_INPUT.test(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, out);
    else if (e.isFile()) out.push(path);
  }
}

/** `*`, `?`, `[…]` within a path segment and `**` across folders, like a shell would. */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function expandGlob(pattern: string): string[] {
  const segments = pattern.split('/');
  const fixed = segments.findIndex((s) => GLOB.test(s));
  const base = segments.slice(0, fixed).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const matcher = globToRegExp(pattern.replace(/^\.\//, ''));
  const found: string[] = [];
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = base === '.' && dir === '.' ? e.name : join(dir, e.name);
      if (matcher.test(path)) found.push(path);
      else if (e.isDirectory()) visit(path);
    }
  };
  visit(base);
  return found;
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
    for (const match of matches) {
      if (!existsSync(match)) throw new InputError(match, null, 'no such file');
      if (!statSync(match).isDirectory()) {
        out.push(match);
        continue;
      }
      const before = out.length;
      walk(match, out);
      if (out.length === before) throw new InputError(match, null, 'no input files in this directory');
    }
  }
  return out;
}
