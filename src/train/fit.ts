// Fitting the learned decision: class-weighted softmax regression per head, AdaGrad with a fixed seed (deterministic, seconds).
import type { Feature, Head } from '../taggers/features.js';
import { HEADS } from '../taggers/features.js';
import { FEATURE_SET } from '../taggers/features.js';
import { HEAD_DEFAULTS, HEAD_LABELS, MODEL_FORMAT, MODEL_VERSION, type HeadWeights, type ModelFile } from '../taggers/model.js';

/** One labelled exchange as the trainer sees it: each head's features and, where labelled, its label. */
export interface TrainingExample {
  id: string;
  source: string;
  features: Record<Head, Feature[]>;
  labels: Partial<Record<Head, string>>;
}

export interface FitOptions {
  seed: number;
  epochs: number;
  /** AdaGrad's step. */
  rate: number;
  /** L2 penalty per update on the weights a step touches. */
  l2: number;
  /** Class weights are (n / (K · n_label)) ^ balance: 0 = none, 1 = fully balanced. */
  balance: number;
  /** Features seen in fewer training exchanges than this are left out (words: twice this). */
  minCount: number;
  /**
   * How far the head's own rule label starts (and is pulled back to, by the L2 penalty) toward that label:
   * the rules carry the contract where labelled data is thin (a revocation is rare), the data corrects them
   * where it is not.
   */
  prior: number;
}

export const DEFAULT_FIT: FitOptions = { seed: 20261203, epochs: 15, rate: 0.05, l2: 0.0005, balance: 0.5, minCount: 2, prior: 8 };

/** mulberry32: small, seeded, the same sequence everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const next = random(seed);
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const isWord = (name: string): boolean => name.startsWith('w:') || name.startsWith('bw:');
/** Weights this small are left out of the file: they change no decision. */
const NEGLIGIBLE = 0.002;
const r4 = (x: number): number => Math.round(x * 10000) / 10000 + 0;

/** Fit one head on the examples that label it. */
export function fitHead(head: Head, examples: readonly TrainingExample[], options: FitOptions = DEFAULT_FIT): HeadWeights {
  const labels = HEAD_LABELS[head];
  const K = labels.length;
  const rows = examples.filter((e) => e.labels[head] !== undefined && labels.includes(e.labels[head]!) && e.features[head].length > 0);
  // The vocabulary: features seen often enough, in a fixed (sorted) order.
  const seen = new Map<string, number>();
  for (const e of rows) for (const f of e.features[head]) seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
  // The rule's own labels are always in the vocabulary, seen or not: they carry the prior.
  const ruleOf = (label: string): string => `rule:${head}=${label}`;
  for (const label of labels) if (!seen.has(ruleOf(label))) seen.set(ruleOf(label), 0);
  const names = [...seen.entries()]
    .filter(([name, n]) => name.startsWith(`rule:${head}=`) || n >= (isWord(name) ? 2 * options.minCount : options.minCount))
    .map(([name]) => name)
    .sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const data = rows.map((e) => {
    const active = e.features[head].filter((f) => index.has(f.name));
    return { idx: Int32Array.from(active.map((f) => index.get(f.name)!)), val: Float64Array.from(active.map((f) => f.value)), y: labels.indexOf(e.labels[head]!) };
  });
  const counts = new Array<number>(K).fill(0);
  for (const d of data) counts[d.y]!++;
  const present = counts.filter((c) => c > 0).length || 1;
  const classWeight = counts.map((c) => (c ? (data.length / (present * c)) ** options.balance : 0));

  const prior = new Float64Array(names.length * K);
  labels.forEach((label, k) => {
    const f = index.get(ruleOf(label));
    if (f !== undefined && label !== HEAD_DEFAULTS[head]) prior[f * K + k] = options.prior;
  });
  const W = Float64Array.from(prior);
  const G = new Float64Array(names.length * K);
  const bias = new Float64Array(K);
  const Gb = new Float64Array(K);
  const z = new Float64Array(K);
  const g = new Float64Array(K);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of shuffled(order, options.seed + epoch)) {
      const d = data[i]!;
      for (let k = 0; k < K; k++) z[k] = bias[k]!;
      for (let j = 0; j < d.idx.length; j++) {
        const base = d.idx[j]! * K;
        for (let k = 0; k < K; k++) z[k]! += W[base + k]! * d.val[j]!;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k]! - max);
      const cw = classWeight[d.y]!;
      for (let k = 0; k < K; k++) g[k] = cw * (z[k]! / sum - (k === d.y ? 1 : 0));
      for (let k = 0; k < K; k++) {
        Gb[k]! += g[k]! * g[k]!;
        bias[k]! -= (options.rate * g[k]!) / Math.sqrt(Gb[k]! + 1e-8);
      }
      for (let j = 0; j < d.idx.length; j++) {
        const base = d.idx[j]! * K;
        for (let k = 0; k < K; k++) {
          const grad = g[k]! * d.val[j]! + options.l2 * (W[base + k]! - prior[base + k]!);
          G[base + k]! += grad * grad;
          W[base + k]! -= (options.rate * grad) / Math.sqrt(G[base + k]! + 1e-8);
        }
      }
    }
  }
  const weights: Record<string, number[]> = {};
  names.forEach((name, f) => {
    const w = Array.from(W.subarray(f * K, f * K + K), r4);
    if (w.some((x) => Math.abs(x) >= NEGLIGIBLE)) weights[name] = w;
  });
  return { labels: [...labels], bias: Array.from(bias, r4), weights };
}

/** A whole model file, every head fitted on the same examples. */
export function fitModel(examples: readonly TrainingExample[], options: FitOptions = DEFAULT_FIT): ModelFile {
  const bySource: Record<string, number> = {};
  for (const e of [...examples].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))) bySource[e.source] = (bySource[e.source] ?? 0) + 1;
  const heads = {} as Record<Head, HeadWeights>;
  for (const head of HEADS) heads[head] = fitHead(head, examples, options);
  const { seed, ...rest } = options;
  return { format: MODEL_FORMAT, version: MODEL_VERSION, featureSet: FEATURE_SET, trainedOn: { exchanges: examples.length, bySource, seed, options: rest }, heads };
}

/** The model file's text: stable key order, one head per line block, so the same training gives the same bytes. */
export function modelText(model: ModelFile): string {
  const heads = HEADS.map((head) => {
    const h = model.heads[head];
    const weights = Object.keys(h.weights)
      .sort()
      .map((name) => `      ${JSON.stringify(name)}: ${JSON.stringify(h.weights[name])}`)
      .join(',\n');
    return `    ${JSON.stringify(head)}: {\n      "labels": ${JSON.stringify(h.labels)},\n      "bias": ${JSON.stringify(h.bias)},\n      "weights": {\n${weights.replace(/^ {6}/gm, '        ')}\n      }\n    }`;
  });
  const { heads: _, ...head } = model;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "heads": {\n${heads.join(',\n')}\n  }\n}\n`;
}
