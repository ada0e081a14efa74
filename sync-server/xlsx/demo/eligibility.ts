/**
 * The generator's own, deliberately small reading of RULES.md, used to make the "clean" proposals of
 * sheet Usulan clean: a move it accepts should get no finding from `mutasi check`. It is stricter than
 * the rules (same rung only, or Pengawas → Administrator) so that it never needs to be exact at edges.
 */
import { educationRank, golonganIndex, ladderOf, typeDefaults } from '../../../shared/domain';
import { addMonths, anniversary, monthsBetween, type Day } from '../../../shared/values/dates';
import type { DemoEmployee, DemoPosition } from './types';

export function standardsOf(p: DemoPosition): number[] {
  return p.standards ?? Array<number>(9).fill(typeDefaults(p.type, p.level).standard);
}

/** JPM = 100 × Σ min(actual, standard) / Σ standard (RULES.md), or null without competency data. */
export function jpm(levels: number[] | null, p: DemoPosition): number | null {
  if (!levels) return null;
  const std = standardsOf(p);
  let got = 0;
  let want = 0;
  std.forEach((s, i) => { got += Math.min(levels[i]!, s); want += s; });
  return Math.round((10000 * got) / want) / 100;
}

const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** An entry of Rumpun Jurusan matches when each of its words occurs as a word in the Jurusan. */
export function majorMatches(major: string, rumpun: string[]): boolean {
  if (rumpun.length === 0) return true;
  const have = new Set(words(major));
  return rumpun.some((entry) => words(entry).every((w) => have.has(w)));
}

export function hasTrainings(e: DemoEmployee, p: DemoPosition): boolean {
  const have = new Set(e.trainings.map((t) => t.toLowerCase()));
  return p.requiredTrainings.every((t) => have.has(t.toLowerCase()));
}

/** Same rung of the same ladder, or the one structural step Pengawas → Administrator. */
export function acceptableStep(from: DemoPosition, to: DemoPosition): boolean {
  const a = ladderOf(from.type, from.level);
  const b = ladderOf(to.type, to.level);
  if (!a || !b || a.ladder !== b.ladder) return false;
  if (a.rung === b.rung) return from.family === to.family;
  return from.type === 'Pengawas' && to.type === 'Administrator';
}

/** The employee's own record is fine for any move at `tmt` (status, SKP, discipline, competency data). */
export function mobile(e: DemoEmployee, tmt: Day): boolean {
  const okSkp = (s: string | null) => s === 'Sangat Baik' || s === 'Baik';
  return e.status === 'PNS' && e.rank !== null && okSkp(e.skpLast) && okSkp(e.skpBefore)
    && (e.discipline === 'Tidak Ada' || (e.disciplineUntil !== null && e.disciplineUntil < tmt))
    && e.competencies !== null && monthsBetween(e.positionStart, tmt) >= 25;
}

/** True when moving `e` to `p` at `tmt` should raise no finding at all. */
export function cleanMove(e: DemoEmployee, p: DemoPosition, tmt: Day): boolean {
  if (e.position === p || !mobile(e, tmt) || !acceptableStep(e.position, p)) return false;
  const d = typeDefaults(p.type, p.level);
  const rank = golonganIndex(e.rank!);
  if (rank < golonganIndex(p.minRank ?? d.minRank)) return false;
  if (p.maxRank && rank > golonganIndex(p.maxRank)) return false;
  if (educationRank(e.education) < educationRank(p.minEducation ?? d.minEducation)) return false;
  if (!majorMatches(e.major, p.majors) || !hasTrainings(e, p)) return false;
  if ((jpm(e.competencies, p) ?? 0) < 80) return false;
  // Retirement well beyond the 12-month warning window.
  return anniversary(e.birth, d.retirementAge) > addMonths(tmt, 14);
}
