// The one wink-nlp instance (lite English web model), loaded once per thread on first use: commands
// that tag nothing (diff, report, --help, a usage error) never pay the model's load (about 0.2 s).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type winkNLPType from 'wink-nlp';
import type modelType from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLPType>;
type WinkModel = typeof modelType;

const require = createRequire(import.meta.url);
let loaded: { nlp: Nlp; its: Nlp['its'] } | undefined;

/** The core model's JSON as wink-eng-lite-web-model 1.8 ships it (the parts its loader reads). */
interface CoreJson {
  lexicon: string | Uint32Array;
  xpansions: string | Uint32Array;
  packing: { layout: Record<string, number[]>; efList?: string[] };
  features: Record<string, { list: string[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number }> & {
    posClusters: { list: (string | Set<number>)[] };
  };
  pos: { hash: Record<string, number> };
}

function words(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, 'base64');
  const words = new Uint32Array(bytes.length / 4);
  new Uint8Array(words.buffer).set(bytes);
  return words;
}

/**
 * The package's `core()` (read-core-model.js, then load-core-model.js), built the same way from one parse
 * of its 3 MB JSON: the package `require`s the JSON, deep-copies it through JSON.stringify and JSON.parse,
 * and decodes the base64 lexicon a character at a time (about a third of each tagging start). The object
 * it returns is deep-equal to the package's (test/nlp/wink-model.test.ts), so tokens and labels are too.
 */
export function coreModel(): CoreJson {
  const model = JSON.parse(readFileSync(require.resolve('wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json'), 'utf8')) as CoreJson;
  const { packing, features, pos } = model;
  model.lexicon = words(model.lexicon as string);
  model.xpansions = words(model.xpansions as string);
  const indexed = (f: string): void => {
    const hash: Record<string, number> = Object.create(null);
    const list = features[f]!.list;
    for (let k = 0; k < list.length; k++) hash[list[k]!] = k;
    features[f]!.hash = hash;
  };
  for (const f in packing.layout) if (packing.layout[f]![3] === 0) indexed(f);
  indexed('lexeme');
  const clusters = features.posClusters.list;
  for (let k = 0; k < clusters.length; k++) clusters[k] = new Set((clusters[k] as string).split('_').map((e) => pos.hash[e] || 0));
  packing.efList = [];
  for (const f in packing.layout) {
    const layout = packing.layout[f]!;
    if (layout[3] === 0) {
      const feature = features[f]!;
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = layout[1]! >>> layout[2]!;
    }
    if (layout[4] === 1) packing.efList.push(f);
  }
  features.lexeme!.intrinsicSize = features.lexeme!.list.length;
  features.lexeme!.index = features.lexeme!.list.length;
  return model;
}

/**
 * The package's model object (its dist/model.js) with `coreModel` as its core loader, put together from the
 * package's own parts: dist/model.js itself is not loaded, since it loads read-core-model.js, which parses
 * the 3 MB JSON on import whether or not its loader is called. Every other member is the package's own
 * (the same functions, test/nlp/wink-model.test.ts).
 */
export function winkModel(): WinkModel {
  const part = (name: string): unknown => require(`wink-eng-lite-web-model/dist/${name}.js`);
  const addons = Object.assign(Object.create(null), { stem: part('porter-stemmer'), lemmatize: part('lemmatize'), readabilityStats: part('readability-stats'), wordVectors: undefined });
  return Object.assign(Object.create(null), {
    core: coreModel,
    sbd: part('load-sbd-model'),
    pos: part('load-pos-model'),
    ner: part('load-ner-model'),
    negation: part('load-negation-model'),
    sa: part('load-sa-model'),
    metaCER: part('load-cer-meta-model'),
    featureFn: part('feature'),
    addons,
  }) as WinkModel;
}

export function wink(): { nlp: Nlp; its: Nlp['its'] } {
  if (!loaded) {
    const winkNLP = require('wink-nlp') as typeof winkNLPType;
    // No NER: no tagger reads entities, and it costs about a tenth of readDoc (same labels, see issue 7).
    const nlp = winkNLP(winkModel(), ['sbd', 'negation', 'sentiment', 'pos']);
    loaded = { nlp, its: nlp.its };
  }
  return loaded;
}
