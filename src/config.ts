// rapport.config.json: found by walking up from the working directory, or given with --config.
import { createHash } from 'node:crypto';
import { jsonErrorReason } from './text/json-error.js';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Axis } from './model/types.js';
import { formulaFromConfig } from './score/formula-config.js';
import { InputError } from './sources/errors.js';
import { FILE_CAPS, readTextCapped } from './sources/text-file.js';
import { applyOverrides } from './taggers/lexicons/override.js';

export const CONFIG_NAME = 'rapport.config.json';

/** Everything a config file may say. Each section belongs to one stage; unknown keys are an error. */
export interface RapportConfig {
  /** How to read inputs (source adapters). */
  source?: {
    kind?: string;
    /** Column mapping for any CSV: `{ conversation: 'ticket_id', time: 'created', author: 'from', text: 'body', role: 'direction' }`. */
    map?: Record<string, string>;
    brand?: string[];
    brandDomain?: string[];
    timeFormat?: string;
    timezone?: string;
  };
  /** Health formula overrides (weights per axis, values per label). */
  health?: {
    weights?: Partial<Record<Axis, number>>;
    values?: Partial<Record<Axis, Record<string, number>>>;
  };
  /** Lexicon overrides: extra cues, or cue ids to switch off, per lexicon. */
  lexicons?: Record<string, { add?: unknown[]; remove?: string[] }>;
  /** Redact personal data in every output by default. */
  redact?: boolean;
  /** A model file written by `rapport train` (relative to the config file), instead of the built-in one. */
  model?: string;
}

const SECTIONS = new Set(['source', 'health', 'lexicons', 'redact', 'model', '$schema']);

/** The config file for this run: `--config` if given, else the nearest rapport.config.json upwards. */
export function findConfig(cwd: string = process.cwd()): string | null {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Line of a character offset, for error messages. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

export function parseConfig(name: string, text: string): RapportConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const m = /position (\d+)/.exec(message);
    const reason = jsonErrorReason(error);
    throw new InputError(name, m ? lineAt(text, Number(m[1])) : null, `not valid JSON (${reason.slice(0, 80)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(name, 1, 'expected a JSON object');
  for (const key of Object.keys(value)) {
    if (!SECTIONS.has(key)) throw new InputError(name, null, `unknown setting "${key}" (known: ${[...SECTIONS].filter((s) => s !== '$schema').join(', ')})`);
  }
  checkSource(name, (value as RapportConfig).source);
  try {
    formulaFromConfig((value as RapportConfig).health);
  } catch (error) {
    throw new InputError(name, null, (error as Error).message);
  }
  const redact = (value as { redact?: unknown }).redact;
  if (redact !== undefined && typeof redact !== 'boolean') throw new InputError(name, null, `"redact" must be true or false, not ${JSON.stringify(redact)}`);
  // Lexicon overrides are checked here too, so every command rejects a bad one the same way.
  applyOverrides(name, (value as { lexicons?: unknown }).lexicons as RapportConfig['lexicons']);
  const model = (value as { model?: unknown }).model;
  if (model !== undefined && (typeof model !== 'string' || model === '')) throw new InputError(name, null, `"model" must be the path of a model file, not ${JSON.stringify(model)}`);
  return value as RapportConfig;
}

const SOURCE_KEYS: Record<string, 'string' | 'strings' | 'map'> = {
  kind: 'string', map: 'map', brand: 'strings', brandDomain: 'strings', timeFormat: 'string', timezone: 'string',
};

/** The `source` section: known keys with the right shapes (values are checked where they are used). */
function checkSource(name: string, source: unknown): void {
  if (source === undefined) return;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) throw new InputError(name, null, 'source: expected an object');
  for (const [key, value] of Object.entries(source)) {
    const shape = Object.hasOwn(SOURCE_KEYS, key) ? SOURCE_KEYS[key] : undefined;
    if (!shape) throw new InputError(name, null, `unknown setting "source.${key}" (known: ${Object.keys(SOURCE_KEYS).join(', ')})`);
    const ok =
      shape === 'string' ? typeof value === 'string'
      : shape === 'strings' ? Array.isArray(value) && value.every((v) => typeof v === 'string')
      : typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
    if (!ok) throw new InputError(name, null, `source.${key}: expected ${shape === 'string' ? 'a string' : shape === 'strings' ? 'a list of strings' : 'an object of field: column names'}`);
  }
}

/** Load the config named by `--config`, or the one found upwards; an empty config when there is none. */
export function loadConfig(explicit?: string): { config: RapportConfig; path: string | null; sha256: string | null } {
  const path = explicit ?? findConfig();
  if (!path) return { config: {}, path: null, sha256: null };
  const once = readOnce.get(path);
  if (once) return { ...once, path };
  const text = readTextCapped(path, FILE_CAPS.config, 'a config file', 'no such config file');
  // The report records which settings it was made with (a config found upwards changes weights silently otherwise).
  const found = { config: parseConfig(path, text), sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
  // A pipe (`--config <(…)`) gives its text once: every later look at the config gets the same.
  if (statSync(path, { throwIfNoEntry: false })?.isFile() === false) readOnce.set(path, found);
  return { ...found, path };
}

/** Configs read from pipes and devices, which cannot be read again. */
const readOnce = new Map<string, { config: RapportConfig; sha256: string }>();
