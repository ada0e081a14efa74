/**
 * Readiness of a candidate for a key post (RULES.md "Succession"), from the error findings of the move at
 * the as-of date. The findings come from the rule engine (evaluateMove): this file decides nothing about
 * eligibility, it only sorts the engine's verdict into the three classes:
 *  - Siap sekarang: no error finding, and JPM ≥ `JPM Memenuhi Syarat (%)`;
 *  - Siap 1–2 tahun: not ready now; every error is TENURE_MIN, RANK_BELOW_MIN with the golongan at most two
 *    steps below the post's minimum, or COMPETENCY_FIT_LOW; the person has competency levels, none more
 *    than one level below the post's standard;
 *  - Belum siap: everyone else.
 * Warnings never change readiness.
 *
 * The same function classifies the cheap gate's partial error list (plan.ts): more errors can only make the
 * class worse, so a class from a subset of the errors is an optimistic bound of the engine's class.
 */
import type { RuleId } from '../rules/types';
import type { Readiness } from './types';

export interface ReadinessFacts {
  /** JPM for the post; null without competency levels. */
  jpm: number | null;
  /** `JPM Memenuhi Syarat (%)`. */
  jpmOk: number;
  /** The post's minimum golongan index − the person's (≤ 0: not below). */
  rankStepsBelow: number;
  /** The person's nine competency levels, or null. */
  levels: number[] | null;
  /** The post's nine standard levels (requirements(p).standards). */
  standards: number[];
}

const SOON_RULES = new Set<RuleId>(['TENURE_MIN', 'RANK_BELOW_MIN', 'COMPETENCY_FIT_LOW']);

/** Two lists so callers need not concatenate (the person's errors and the target's). */
export function readinessOf(a: readonly RuleId[], b: readonly RuleId[], f: ReadinessFacts): Readiness {
  if (a.length === 0 && b.length === 0 && f.jpm !== null && f.jpm >= f.jpmOk) return 'now';
  if (!soonErrors(a, f.rankStepsBelow) || !soonErrors(b, f.rankStepsBelow)) return 'notYet';
  const short = competencyShortfall(f.levels, f.standards);
  if (short === null || short > 1) return 'notYet';
  return 'soon';
}

/** Every error is one a person can outgrow in a year or two (rank at most two steps short). */
function soonErrors(list: readonly RuleId[], rankStepsBelow: number): boolean {
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    if (!SOON_RULES.has(r)) return false;
    if (r === 'RANK_BELOW_MIN' && rankStepsBelow > 2) return false;
  }
  return true;
}

/** max(standard − level) over the competencies, or null without levels. */
export function competencyShortfall(levels: number[] | null, standards: number[]): number | null {
  if (!levels) return null;
  let m = -Infinity;
  for (let i = 0; i < 9; i++) {
    const d = standards[i]! - levels[i]!;
    if (d > m) m = d;
  }
  return m;
}
