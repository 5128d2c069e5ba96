// Experience: how the customer feels about what the brand did, read from the customer turn.
import type { AxisLabel, Exchange } from '../model/types.js';
import { clamp, dedupeEvidence, hitsOf, round, spanEvidence, toEvidence, type PlacedHit, type Tagger } from './tagger.js';

const NEGATIVE = new Set(['negative']);
const POSITIVE = new Set(['positive']);
const RESOLUTION = 'experience.positive.resolution';
const SARCASM = 'experience.sarcasm.praise';
/** Words that turn a stance around inside a sentence. */
const TURNS = /\b(?:but|however|although|though|yet|anyway)\b/gi;
/**
 * Only thanks (and praise or emoji): not "ok thanks", which acknowledges. The tail `(?:\s*[!.]+)?(?:emoji|\s)*`
 * is the language of `\s*[!.]*\s*(emoji|\s)*`, whose three runs of spaces backtracked cubically.
 */
const BARE_THANKS = /^\s*(@\w+\s+)*((great|perfect|awesome|brilliant|amazing|excellent|cool|wonderful|lovely|fantastic)[,!.]*\s+)?(thanks?|thank you|thx|ty|cheers|many thanks|thanks a lot|thank you (so|very) much|thanks so much)( (so|very) much)?( @\w+)?(?:\s*[!.]+)?(?:\p{Extended_Pictographic}|\s)*$/iu;
/** A sentence's score must reach this to count as a stance. */
const DECISIVE = 1.5;
/** wink-nlp sentence sentiment beyond this is a (weak) cue of its own. */
const SENTIMENT_CUE = 0.5;

interface SentenceStance {
  score: number;
  hits: PlacedHit[];
  sentiment?: { message: Exchange['customerTurn'][number]; start: number; end: number; value: number };
}

export const experience: Tagger = {
  meta: {
    id: 'experience',
    axis: 'experience',
    description: 'positive / neutral / negative from complaint, effort, churn, sarcasm, praise and resolution cues; the latest stance wins',
  },
  tag(exchange, ctx): AxisLabel {
    if (!exchange.customerTurn.length) return { label: 'neutral', score: 0, evidence: [] };
    const all = hitsOf(exchange.customerTurn, ctx);
    // Praise in the same message as a voiced complaint is sarcasm ("super slow today! Thanks!!!");
    // only a resolution ("it works now") can turn such a message around.
    // A failure report shouted ("keeps freezing!!!! Love the update") complains too.
    const shouting = new Set(all.filter((h) => h.signal === 'intensity').map((h) => h.message));
    // After a resolution ("it works now, love it") praise is meant: the message turned around.
    const resolved = new Set(all.filter((h) => h.cue.startsWith(RESOLUTION)).map((h) => h.message));
    const complaining = new Set(
      all.filter((h) => (NEGATIVE.has(h.signal) || (h.signal === 'problem' && shouting.has(h.message))) && !resolved.has(h.message)).map((h) => h.message),
    );
    // Sarcasm is negative (EPIC.md): praise in a complaining message counts against, as the sarcasm cue does.
    const hits = all.map((h) =>
      POSITIVE.has(h.signal) && complaining.has(h.message) && !h.cue.startsWith(RESOLUTION) ? { ...h, signal: 'negative', cue: SARCASM } : h,
    );
    const hasComplaint = complaining.size > 0;
    // Each message's hits, in order: a turn can be thousands of messages (one tweet, 20,000 replies).
    const hitsByMessage = new Map<Exchange['customerTurn'][number], PlacedHit[]>();
    for (const hit of hits) {
      const list = hitsByMessage.get(hit.message);
      if (list) list.push(hit);
      else hitsByMessage.set(hit.message, [hit]);
    }

    const sentences: SentenceStance[] = [];
    for (const message of exchange.customerTurn) {
      const analysis = ctx.analysis(message);
      // Stance segments: sentences, further cut at "but"/"however" ("awful, but it works now").
      const starts = [...analysis.sentences.map((s) => s.start), ...[...message.text.matchAll(TURNS)].map((m) => m.index)].sort((a, b) => a - b);
      if (!starts.length) starts.push(0);
      const segmentOf = (offset: number): number => {
        let index = 0;
        starts.forEach((start, i) => {
          if (start <= offset) index = i;
        });
        return index;
      };
      const local: SentenceStance[] = starts.map(() => ({ score: 0, hits: [] }));
      for (const hit of hitsByMessage.get(message) ?? []) {
        const s = local[segmentOf(hit.start)]!;
        if (NEGATIVE.has(hit.signal)) s.score -= hit.weight;
        else if (POSITIVE.has(hit.signal)) s.score += hit.weight;
        else if (hit.signal === 'problem') s.score -= hit.weight;
        else if (hit.signal === 'intensity' && hasComplaint) s.score -= hit.weight;
        else continue;
        s.hits.push(hit);
      }
      analysis.sentences.forEach((info) => {
        const s = local[segmentOf(info.start)]!;
        // Generic sentiment only tips a sentence that has a domain cue of feeling pointing the same way
        // (a bare failure report stays neutral however negative its words sound).
        const feeling = s.hits.some((h) => NEGATIVE.has(h.signal) || POSITIVE.has(h.signal));
        if (Math.abs(info.sentiment) >= SENTIMENT_CUE && feeling && Math.sign(info.sentiment) === Math.sign(s.score)) {
          s.score += Math.sign(info.sentiment) * 0.5;
          s.sentiment = { message, start: info.start, end: info.end, value: info.sentiment };
        }
      });
      sentences.push(...local);
    }

    // A turn that is nothing but thanks, after a brand reply, is thanks for help received.
    if (!hasComplaint && exchange.previousBrandTurn.length && exchange.customerTurn.every((m) => BARE_THANKS.test(m.text))) {
      const thanks = hits.filter((h) => h.signal === 'thanks' || POSITIVE.has(h.signal));
      if (thanks.length) return { label: 'positive', score: 0.5, evidence: dedupeEvidence(thanks.map(toEvidence)) };
    }

    let decisive: SentenceStance | undefined;
    for (const s of sentences) if (Math.abs(s.score) >= DECISIVE) decisive = s;
    const total = sentences.reduce((sum, s) => sum + s.score, 0);
    const direction = decisive ? Math.sign(decisive.score) : Math.abs(total) >= DECISIVE ? Math.sign(total) : 0;
    if (direction === 0) return { label: 'neutral', score: round(clamp(total / 6, -0.25, 0.25)), evidence: [] };

    const supporting = sentences.filter((s) => Math.sign(s.score) === direction);
    const evidence = supporting.flatMap((s) => [
      ...s.hits.filter((h) => (direction < 0 ? h.signal !== 'thanks' && !POSITIVE.has(h.signal) : !NEGATIVE.has(h.signal) && h.signal !== 'problem')).map(toEvidence),
      ...(s.sentiment ? [spanEvidence(direction < 0 ? 'experience.sentiment.negative' : 'experience.sentiment.positive', s.sentiment.message, s.sentiment.start, s.sentiment.end)] : []),
    ]);
    const strength = Math.abs(decisive?.score ?? total);
    return {
      label: direction < 0 ? 'negative' : 'positive',
      score: round(direction * clamp(0.25 + strength / 6, 0.25, 1)),
      evidence: dedupeEvidence(evidence),
    };
  },
};
