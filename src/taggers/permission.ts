// Permission: the customer's control over contact and data, read from the customer turn.
import type { AxisLabel } from '../model/types.js';
import { dedupeEvidence, hitsOf, toEvidence, type Tagger } from './tagger.js';

const REQUEST = new Set(['request']);

export const permission: Tagger = {
  meta: {
    id: 'permission',
    axis: 'permission',
    description: 'revoked (opt-out, unsolicited contact, privacy, refusal) / granted (DM sent, consent, details the brand asked for) / neutral',
  },
  tag(exchange, ctx): AxisLabel {
    const hits = hitsOf(exchange.customerTurn, ctx);
    // The brand's own asks are evidence on the exchange; the label stays the customer's stance.
    const asked = hitsOf(exchange.previousBrandTurn, ctx, REQUEST);
    const asks = hitsOf(exchange.brandTurn, ctx, REQUEST);
    const requests = [...asked, ...asks].map(toEvidence);

    const revoked = hits.filter((h) => h.signal === 'revoked');
    if (revoked.length) {
      return { label: 'revoked', score: -1, evidence: dedupeEvidence([...revoked.map(toEvidence), ...requests]) };
    }
    // What the brand asked for, given: details, a link or screenshot, or a direct answer ("I did", a time to call).
    const answered = asked.length > 0 && !revoked.length;
    const granted = hits.filter(
      (h) => h.signal === 'granted' || (answered && (h.signal === 'details' || h.signal === 'attachment' || h.signal === 'answer')),
    );
    if (granted.length) {
      const explicit = granted.some((h) => h.signal === 'granted');
      return { label: 'granted', score: explicit ? 1 : 0.6, evidence: dedupeEvidence([...granted.map(toEvidence), ...requests]) };
    }
    return { label: 'neutral', score: 0, evidence: dedupeEvidence(requests) };
  },
};
