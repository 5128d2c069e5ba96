// The built-in lexicons, compiled once. Each is JSON data with cue ids (see ../README.md).
import type { CompiledCue, Lexicon } from '../../nlp/cues.js';
import { compileLexicon } from '../../nlp/cues.js';
import conversation from './conversation.json' with { type: 'json' };
import experience from './experience.json' with { type: 'json' };
import involvement from './involvement.json' with { type: 'json' };
import permission from './permission.json' with { type: 'json' };
import rue from './rue.json' with { type: 'json' };

export type LexiconName = 'experience' | 'permission' | 'involvement' | 'conversation' | 'rue';

export const LEXICONS: Record<LexiconName, Lexicon> = {
  experience: experience as Lexicon,
  permission: permission as Lexicon,
  involvement: involvement as Lexicon,
  conversation: conversation as Lexicon,
  rue: rue as Lexicon,
};

/** Cues run on customer messages and on brand messages. */
export interface CueSet {
  customer: CompiledCue[];
  brand: CompiledCue[];
}

export function compileCues(lexicons: Record<LexiconName, Lexicon> = LEXICONS): CueSet {
  const permission = compileLexicon(lexicons.permission);
  return {
    customer: [
      ...compileLexicon(lexicons.experience),
      ...permission.filter((c) => c.signal !== 'request'),
      ...compileLexicon(lexicons.involvement),
    ],
    brand: [
      ...compileLexicon(lexicons.conversation),
      ...compileLexicon(lexicons.rue),
      ...permission.filter((c) => c.signal === 'request'),
    ],
  };
}
