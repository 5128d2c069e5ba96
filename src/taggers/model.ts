// The learned decision: one softmax regression per head over the named features; weights are data (model/epic.json).
import { FILE_CAPS, readTextCapped } from '../sources/text-file.js';
import { InputError } from '../sources/errors.js';
import { FEATURE_SET, GROUPS, HEADS, type Feature, type Group, type Head, type Span } from './features.js';

export const MODEL_FORMAT = 'rapport-epic-model';
export const MODEL_VERSION = 1;

/** The labels of each head, in the order the weights list them; the first of `HEAD_DEFAULTS` when nothing fires. */
export const HEAD_LABELS: Record<Head, readonly string[]> = {
  experience: ['positive', 'neutral', 'negative'],
  permission: ['granted', 'neutral', 'revoked'],
  involvement: ['high', 'medium', 'low'],
  conversation: ['two-way', 'one-way'],
  relevance: ['1', '0'],
  utility: ['1', '0'],
  entertainment: ['1', '0'],
};

/** The label a head keeps without evidence (EPIC.md: a label without evidence is neutral/none/low). */
export const HEAD_DEFAULTS: Record<Head, string> = {
  experience: 'neutral',
  permission: 'neutral',
  involvement: 'low',
  conversation: 'one-way',
  relevance: '0',
  utility: '0',
  entertainment: '0',
};

/** One head as stored: a bias and a weight vector per feature, both in `labels` order. */
export interface HeadWeights {
  labels: string[];
  bias: number[];
  weights: Record<string, number[]>;
}

/** The model file: versioned, with what it was trained on. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  featureSet: string;
  trainedOn: { exchanges: number; bySource: Record<string, number>; seed: number; options: Record<string, number> };
  heads: Record<Head, HeadWeights>;
}

/** A model ready to decide: weights in maps (feature names are data, never object paths). */
export type { EpicModel } from './heads.js';
import type { EpicModel } from './heads.js';

/** Why a label won: a feature, how much it moved the label over the default, and its spans. */
export interface Contribution {
  feature: string;
  value: number;
  evidence: Span[];
}

export interface Decision {
  label: string;
  probabilities: Record<string, number>;
  /** Features that pushed the chosen label over the default, largest first (empty for the default). */
  contributions: Contribution[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finiteList = (v: unknown, n: number): v is number[] => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Check a parsed model file; every problem is one line naming the file and the field. */
export function compileModel(name: string, value: unknown): EpicModel {
  const fail = (message: string): never => {
    throw new InputError(name, null, message);
  };
  if (!isObject(value) || value.format !== MODEL_FORMAT) fail(`not a rapport model (expected "format": "${MODEL_FORMAT}")`);
  const file = value as Record<string, unknown>;
  if (file.version !== MODEL_VERSION) fail(`model version ${JSON.stringify(file.version)} is not supported (this rapport reads version ${MODEL_VERSION}; retrain with rapport train)`);
  if (file.featureSet !== FEATURE_SET) fail(`model was trained on features ${JSON.stringify(file.featureSet)}, this rapport computes "${FEATURE_SET}" (retrain with rapport train)`);
  if (!isObject(file.heads)) fail('"heads" must be an object');
  const heads = {} as EpicModel['heads'];
  for (const head of HEADS) {
    const h = (file.heads as Record<string, unknown>)[head];
    if (!isObject(h)) return fail(`heads.${head} is missing`);
    const labels = HEAD_LABELS[head];
    if (!Array.isArray(h.labels) || h.labels.length !== labels.length || h.labels.some((l, i) => l !== labels[i])) fail(`heads.${head}.labels must be ${JSON.stringify(labels)}`);
    if (!finiteList(h.bias, labels.length)) fail(`heads.${head}.bias must be ${labels.length} numbers`);
    if (!isObject(h.weights)) fail(`heads.${head}.weights must be an object`);
    const weights = new Map<string, number[]>();
    for (const [feature, w] of Object.entries(h.weights as Record<string, unknown>)) {
      if (!finiteList(w, labels.length)) fail(`heads.${head}.weights[${JSON.stringify(feature.slice(0, 40))}] must be ${labels.length} numbers`);
      weights.set(feature, w as number[]);
    }
    heads[head] = { labels, defaultIndex: labels.indexOf(HEAD_DEFAULTS[head]), bias: h.bias as number[], weights };
  }
  for (const key of Object.keys(file.heads as object)) if (!(HEADS as readonly string[]).includes(key)) fail(`heads.${key.slice(0, 40)}: unknown head (known: ${HEADS.join(', ')})`);
  return { name, heads, groups: { customer: group(heads, GROUPS.customer), brand: group(heads, GROUPS.brand) } };
}

function group(heads: EpicModel['heads'], members: readonly Head[]): EpicModel['groups'][Group] {
  const offsets: number[] = [];
  let width = 0;
  for (const head of members) {
    offsets.push(width);
    width += heads[head].labels.length;
  }
  const bias = new Float64Array(width);
  const weights = new Map<string, Float64Array>();
  members.forEach((head, m) => {
    const h = heads[head];
    h.bias.forEach((b, k) => (bias[offsets[m]! + k] = b));
    for (const [name, w] of h.weights) {
      let row = weights.get(name);
      if (!row) weights.set(name, (row = new Float64Array(width)));
      w.forEach((x, k) => (row![offsets[m]! + k] = x));
    }
  });
  return { heads: members, offsets, width, bias, weights };
}

export function readModel(path: string): EpicModel {
  const text = readTextCapped(path, FILE_CAPS.model, 'a model file', 'no such model file');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(path, null, 'not valid JSON: expected a model written by rapport train');
  }
  return compileModel(path, value);
}

/**
 * A model with no weights: what training tags with while it collects exchanges (their features come from the
 * rules, not from a model), so a retrain never depends on the built-in model being current.
 */
export function emptyModel(): EpicModel {
  const heads = Object.fromEntries(HEADS.map((head) => [head, { labels: [...HEAD_LABELS[head]], bias: HEAD_LABELS[head].map(() => 0), weights: {} }]));
  return compileModel('no model', { format: MODEL_FORMAT, version: MODEL_VERSION, featureSet: FEATURE_SET, heads });
}

let builtIn: EpicModel | undefined;
/** The model that ships with rapport, trained on fixtures/training (npm run train). */
export function defaultModel(): EpicModel {
  return (builtIn ??= readModel(new URL('./model/epic.json', import.meta.url).pathname));
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000 + 0;

/**
 * The decisions of the heads of one turn, in one pass over its features. Each head's label is the most
 * probable one, unless nothing with a span pushed it over the default (then the default, as the contract wants
 * of a label without evidence). Heads in `explainDefault` list, for a default label, what pushed it over the
 * runner-up (a one-way reply shows its script cues).
 */
export function decideGroup(model: EpicModel, group: Group, features: readonly Feature[], explainDefault: readonly Head[] = []): Partial<Record<Head, Decision>> {
  const g = model.groups[group];
  const z = Float64Array.from(g.bias);
  const found: (Float64Array | undefined)[] = new Array(features.length);
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    const w = g.weights.get(f.name);
    found[i] = w;
    if (!w) continue;
    for (let k = 0; k < g.width; k++) z[k]! += w[k]! * f.value;
  }
  const out: Partial<Record<Head, Decision>> = {};
  g.heads.forEach((head, m) => {
    const h = model.heads[head];
    const at = g.offsets[m]!;
    const K = h.labels.length;
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, z[at + k]!);
    const p: number[] = [];
    let sum = 0;
    for (let k = 0; k < K; k++) sum += p[k] = Math.exp(z[at + k]! - max);
    let best = 0;
    for (let k = 0; k < K; k++) {
      p[k] = p[k]! / sum;
      if (p[k]! > p[best]!) best = k;
    }
    const probabilities: Record<string, number> = {};
    for (let k = 0; k < K; k++) probabilities[h.labels[k]!] = r3(p[k]!);
    const contributions: Contribution[] = [];
    const against = best !== h.defaultIndex ? h.defaultIndex : explainDefault.includes(head) ? runnerUp(p, best) : -1;
    if (against >= 0) {
      for (let i = 0; i < features.length; i++) {
        const w = found[i];
        if (!w) continue;
        const f = features[i]!;
        const value = (w[at + best]! - w[at + against]!) * f.value;
        if (value > 0.01) contributions.push({ feature: f.name, value: r3(value), evidence: f.evidence });
      }
      contributions.sort((a, b) => b.value - a.value || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
      if (best !== h.defaultIndex && !contributions.some((c) => c.evidence.length)) {
        out[head] = { label: h.labels[h.defaultIndex]!, probabilities, contributions: [] };
        return;
      }
    }
    out[head] = { label: h.labels[best]!, probabilities, contributions };
  });
  return out;
}

function runnerUp(p: number[], best: number): number {
  let second = -1;
  for (let k = 0; k < p.length; k++) if (k !== best && (second < 0 || p[k]! > p[second]!)) second = k;
  return second;
}
