// Every regular expression rapport runs on input text, collected so a worst-case test covers a new one
// automatically: the cue lexicons (each pattern alone and each cue as compiled, with its `u`-less twin), the
// prefilter's alternatives, and every regex literal or `new RegExp('literal')` in src/ (read with the
// TypeScript parser, so none is missed by a grep).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { compileCues, LEXICONS } from '../../src/taggers/lexicons/index.js';

export interface CatalogEntry {
  /** Where it comes from: `cue experience.complaint.strong`, `src/text/redact.ts:42`. */
  where: string;
  regex: RegExp;
  /** A compiled cue: the alternation of its patterns (each an entry of its own). */
  whole?: boolean;
}

const SRC = join(import.meta.dirname, '../../src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Regex literals and `new RegExp(<string literal>[, <string literal>])` in the TypeScript sources. */
export function sourceRegexes(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const file of tsFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${relative(join(SRC, '..'), file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const m = /^\/(.*)\/([a-z]*)$/s.exec(node.text)!;
        out.push({ where: where(node), regex: new RegExp(m[1]!, m[2]) });
      } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [pattern, flags] = node.arguments ?? [];
        if (pattern && ts.isStringLiteralLike(pattern) && (!flags || ts.isStringLiteralLike(flags))) {
          out.push({ where: where(node), regex: new RegExp(pattern.text, flags ? (flags as ts.StringLiteralLike).text : '') });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** Every built-in cue: each pattern alone (as the prefilter runs it) and the compiled cue with its twin. */
export function cueRegexes(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  const cues = compileCues();
  for (const cue of [...cues.customer, ...cues.brand]) {
    out.push({ where: `cue ${cue.id}`, regex: cue.regex, whole: true });
    if (cue.fastRegex) out.push({ where: `cue ${cue.id} (u-less)`, regex: cue.fastRegex, whole: true });
  }
  for (const lexicon of Object.values(LEXICONS)) {
    for (const cue of lexicon.cues) {
      cue.patterns.forEach((p, i) => out.push({ where: `cue ${cue.id} pattern ${i}`, regex: new RegExp(p, cue.caseSensitive ? 'gu' : 'giu') }));
    }
  }
  return out;
}

export function allRegexes(): CatalogEntry[] {
  return [...cueRegexes(), ...sourceRegexes()];
}
