// The one wink-nlp instance (lite English web model), loaded once per thread on first use: commands
// that tag nothing (diff, report, --help, a usage error) never pay the model's load (about 0.2 s).
import { createRequire } from 'node:module';
import type winkNLPType from 'wink-nlp';
import type modelType from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLPType>;

const require = createRequire(import.meta.url);
let loaded: { nlp: Nlp; its: Nlp['its'] } | undefined;

export function wink(): { nlp: Nlp; its: Nlp['its'] } {
  if (!loaded) {
    const winkNLP = require('wink-nlp') as typeof winkNLPType;
    const model = require('wink-eng-lite-web-model') as typeof modelType;
    // No NER: no tagger reads entities, and it costs about a tenth of readDoc (same labels, see issue 7).
    const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment', 'pos']);
    loaded = { nlp, its: nlp.its };
  }
  return loaded;
}
