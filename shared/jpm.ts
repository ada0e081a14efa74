/**
 * Competency fit (JPM, job–person match), RULES.md: 100 × Σ min(actual, standard) / Σ standard,
 * two decimals. Each competency is capped at its standard so a surplus cannot hide a gap; every
 * competency below standard is a development need in the new position.
 */
import { COMPETENCIES, COMPETENCIES_EN } from './domain';
import type { Employee, Position } from './model';
import { requirements } from './requirements';

export type JpmCategory = 'Memenuhi Syarat' | 'Masih Memenuhi Syarat' | 'Kurang Memenuhi Syarat';

export interface Gap {
  competency: string;
  actual: number;
  standard: number;
}

export interface JpmResult {
  jpm: number;
  category: JpmCategory;
  gaps: Gap[];
}

/** JPM alone (no allocation): for scoring many pairs. null when the employee has no levels. */
export function jpmValue(levels: number[] | null, standards: number[], standardSum: number): number | null {
  if (!levels) return null;
  let s = 0;
  for (let i = 0; i < 9; i++) {
    const a = levels[i]!;
    const t = standards[i]!;
    s += a < t ? a : t;
  }
  return Math.round((10000 * s) / standardSum) / 100;
}

export function jpmCategory(jpm: number, min = 68, ok = 80): JpmCategory {
  return jpm >= ok ? 'Memenuhi Syarat' : jpm >= min ? 'Masih Memenuhi Syarat' : 'Kurang Memenuhi Syarat';
}

export function computeJpm(e: Employee, p: Position, cut: { min: number; ok: number } = { min: 68, ok: 80 }): JpmResult | null {
  const req = requirements(p);
  const jpm = jpmValue(e.competencies, req.standards, req.standardSum);
  if (jpm === null || !e.competencies) return null;
  const gaps: Gap[] = [];
  for (let i = 0; i < 9; i++) {
    if (e.competencies[i]! < req.standards[i]!) gaps.push({ competency: COMPETENCIES[i]!, actual: e.competencies[i]!, standard: req.standards[i]! });
  }
  return { jpm, category: jpmCategory(jpm, cut.min, cut.ok), gaps };
}

export function describeGaps(gaps: readonly Gap[], lang: 'id' | 'en'): string {
  if (gaps.length === 0) return lang === 'en' ? 'none' : 'tidak ada';
  return gaps
    .map((g) => `${lang === 'en' ? COMPETENCIES_EN[COMPETENCIES.indexOf(g.competency as (typeof COMPETENCIES)[number])] : g.competency} ${g.actual}/${g.standard}`)
    .join(', ');
}
