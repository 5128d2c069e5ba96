// The context taggers read: each message analyzed once (cached until cleared), script counts and the model.
import type { Message } from '../model/types.js';
import { analyzeMessage, type MessageAnalysis } from '../nlp/analyze.js';
import type { CueSet } from '../taggers/lexicons/index.js';
import type { EpicModel } from '../taggers/model.js';
import type { TagContext } from '../taggers/tagger.js';

export interface CachingContext extends TagContext {
  /** Forget the analyses made so far (a batch or a thread is done). */
  clear(): void;
}

export function tagContext(cues: CueSet, model: EpicModel, templateCount: (key: string) => number): CachingContext {
  const analyses = new Map<Message, MessageAnalysis>();
  return {
    analysis: (m) => {
      let a = analyses.get(m);
      if (!a) analyses.set(m, (a = analyzeMessage(m.text, m.role, cues)));
      return a;
    },
    templateCount,
    model,
    clear: () => analyses.clear(),
  };
}
