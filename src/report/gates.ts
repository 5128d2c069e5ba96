// CI gates on a report: minimum health, maximum drop against a baseline, maximum unanswered share.
import type { Report } from './types.js';

export interface Gates {
  /** Fail when overall health is below this (0-100). */
  failUnder?: number;
  /** Fail when overall health fell by more than this many points since the baseline. */
  failOnDrop?: number;
  /** Fail when the unanswered share of customer turns is above this (0-1). */
  maxUnanswered?: number;
}

const score = (s: number | null): string => (s === null ? 'could not be measured' : s.toFixed(1));

/** One line per failed gate; empty when every gate passed. */
export function checkGates(report: Report, gates: Gates, baseline: Pick<Report, 'health'> | null = null): string[] {
  const failed: string[] = [];
  const health = report.health.score;
  if (gates.failUnder !== undefined && health === null) {
    failed.push(`health could not be measured (no exchange with a customer turn), so --fail-under ${gates.failUnder} cannot pass`);
  } else if (gates.failUnder !== undefined && health !== null && health < gates.failUnder) {
    failed.push(`health ${score(health)} is below --fail-under ${gates.failUnder}`);
  }
  if (gates.failOnDrop !== undefined && baseline) {
    const before = baseline.health.score;
    if (health === null) failed.push(`health could not be measured, so --fail-on-drop ${gates.failOnDrop} cannot pass`);
    else if (before !== null && before - health > gates.failOnDrop) {
      failed.push(`health dropped ${(before - health).toFixed(1)} points (${before.toFixed(1)} → ${health.toFixed(1)}), more than --fail-on-drop ${gates.failOnDrop}`);
    }
  }
  const unanswered = report.service.unansweredShare;
  if (gates.maxUnanswered !== undefined && unanswered !== null && unanswered > gates.maxUnanswered) {
    failed.push(`${(unanswered * 100).toFixed(1)}% of customer turns are unanswered, more than --max-unanswered ${(gates.maxUnanswered * 100).toFixed(1)}%`);
  }
  return failed;
}
