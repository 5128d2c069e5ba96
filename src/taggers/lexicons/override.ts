// Apply a config file's lexicon overrides (extra cues, cue ids switched off) to the built-in lexicons.
import type { CueSpec, Lexicon } from '../../nlp/cues.js';
import { unsafeRegexReason } from '../../nlp/regex-safety.js';
import { InputError } from '../../sources/errors.js';
import { LEXICONS, type LexiconName } from './index.js';

export interface LexiconOverride {
  add?: unknown[];
  remove?: string[];
}

function checkCue(file: string, name: string, value: unknown, index: number): CueSpec {
  const where = `lexicons.${name}.add[${index}]`;
  const cue = value as Partial<CueSpec>;
  if (typeof cue !== 'object' || cue === null) throw new InputError(file, null, `${where} must be an object`);
  if (typeof cue.id !== 'string' || !cue.id.startsWith(`${name}.`)) throw new InputError(file, null, `${where}.id must be a string starting with "${name}."`);
  if (typeof cue.signal !== 'string' || !cue.signal) throw new InputError(file, null, `${where}.signal must be a non-empty string (e.g. "negative")`);
  if (typeof cue.weight !== 'number' || !(cue.weight > 0)) throw new InputError(file, null, `${where}.weight must be a positive number`);
  if (!Array.isArray(cue.patterns) || !cue.patterns.length || !cue.patterns.every((p) => typeof p === 'string')) {
    throw new InputError(file, null, `${where}.patterns must be a non-empty list of regular expressions`);
  }
  cue.patterns.forEach((p, k) => {
    const flags = cue.caseSensitive ? 'u' : 'iu';
    let unsafe: string | null;
    try {
      unsafe = unsafeRegexReason(p, flags);
    } catch (error) {
      throw new InputError(file, null, `${where}.patterns[${k}]: invalid pattern ${JSON.stringify(p)} (${(error as Error).message})`);
    }
    // Cues run on every message, up to a megabyte each: a pattern that can hang is refused up front.
    if (unsafe) throw new InputError(file, null, `${where}.patterns[${k}]: pattern ${JSON.stringify(p)} ${unsafe}`);
  });
  return cue as CueSpec;
}

/** The built-in lexicons with `config.lexicons` applied; errors name the config file and the setting. */
export function applyOverrides(file: string, overrides: Record<string, LexiconOverride> | undefined): Record<LexiconName, Lexicon> {
  const out = { ...LEXICONS };
  if (overrides === undefined) return out;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) throw new InputError(file, null, '"lexicons" must be an object of lexicon names');
  for (const [name, override] of Object.entries(overrides)) {
    // A name from the file is data: `__proto__` or `constructor` is no lexicon, not a key of the prototype.
    if (!Object.hasOwn(LEXICONS, name)) throw new InputError(file, null, `lexicons.${name}: no such lexicon (known: ${Object.keys(LEXICONS).join(', ')})`);
    if (typeof override !== 'object' || override === null || Array.isArray(override)) throw new InputError(file, null, `lexicons.${name} must be an object with "add" and/or "remove"`);
    for (const key of Object.keys(override)) {
      if (key !== 'add' && key !== 'remove') throw new InputError(file, null, `lexicons.${name}.${key}: unknown setting (known: add, remove)`);
    }
    if (override.remove !== undefined && !(Array.isArray(override.remove) && override.remove.every((id) => typeof id === 'string'))) {
      throw new InputError(file, null, `lexicons.${name}.remove must be a list of cue ids, not ${JSON.stringify(override.remove)}`);
    }
    if (override.add !== undefined && !Array.isArray(override.add)) throw new InputError(file, null, `lexicons.${name}.add must be a list of cues, not ${JSON.stringify(override.add)}`);
    const base = LEXICONS[name as LexiconName];
    const known = new Set(base.cues.map((c) => c.id));
    for (const id of override.remove ?? []) {
      if (!known.has(id)) throw new InputError(file, null, `lexicons.${name}.remove: no cue ${JSON.stringify(id)}`);
    }
    const removed = new Set(override.remove ?? []);
    const added = (override.add ?? []).map((cue, i) => checkCue(file, name, cue, i));
    for (const cue of added) {
      if (known.has(cue.id) && !removed.has(cue.id)) throw new InputError(file, null, `lexicons.${name}.add: cue "${cue.id}" already exists (remove it first to replace it)`);
    }
    out[name as LexiconName] = { ...base, cues: [...base.cues.filter((c) => !removed.has(c.id)), ...added] };
  }
  return out;
}
