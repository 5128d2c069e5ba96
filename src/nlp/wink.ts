// The one wink-nlp instance (lite English web model), loaded once per thread.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

// No NER: no tagger reads entities, and it costs about a tenth of readDoc (same labels, see issue 7).
export const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment', 'pos']);
export const its = nlp.its;
