// The one wink-nlp instance (lite English web model), loaded once per thread.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export const nlp = winkNLP(model);
export const its = nlp.its;
