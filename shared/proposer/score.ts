/**
 * The proposal score of RULES.md ("Proposal score"): what the proposer maximises, as parts that an HR
 * office can read ("JPM 83,33 % × 60 = 50,00; SKP Sangat Baik +15; …") and that add up to the score.
 *
 * The score only ranks moves that have no error finding; eligibility is the rule engine's business
 * (candidates.ts), never decided here.
 */
import type { Employee, Position, Weights } from '../model';
import { majorMatchesAny, monthsInPost } from '../rules/transfer';
import { listKey } from '../values/parse';
import type { Day } from '../values/dates';

export interface ScoreParts {
  /** `Bobot JPM` × JPM / 100 (JPM 0 without competency data). */
  jpm: number;
  /** `Bobot Kinerja` × 1 (SKP Tahun Lalu Sangat Baik), × 0.5 (Baik), else 0. */
  performance: number;
  /** `Bobot Rotasi` when months in post ≥ `Masa Jabatan Maksimal`. */
  rotation: number;
  /** `Bobot Minat` when the target's unit is among the person's Unit Diminati. */
  preference: number;
  /** `Bobot Jurusan` when the target lists Rumpun Jurusan and the person's Jurusan matches one. */
  major: number;
  /** −`Penalti Lowongan Baru` when moving the person out opens a new vacancy (0 or negative). */
  newVacancy: number;
}

/**
 * The score from its parts. The hot loop in candidates.ts adds the same six numbers in this same order,
 * so an explanation's parts add up to the solver's score exactly (floating-point addition is not
 * associative: a different order could differ in the last bit).
 */
export function scoreOf(p: ScoreParts): number {
  return p.jpm + p.performance + p.rotation + p.preference + p.major + p.newVacancy;
}

/** k(e) of RULES.md: SKP Tahun Lalu Sangat Baik = 1, Baik = 0.5, otherwise 0. */
export function performanceFactor(e: Employee): number {
  return e.skpLast === 'Sangat Baik' ? 1 : e.skpLast === 'Baik' ? 0.5 : 0;
}

/** Unit names compared without case, punctuation or extra spaces ("Dinas  Kesehatan" = "dinas kesehatan"). */
export function unitKey(unit: string): string {
  return listKey(unit);
}

/** What about a person does not depend on the target: computed once per person. */
export interface PersonTerms {
  performance: number;
  rotation: number;
  newVacancy: number;
  /** unitKey of each Unit Diminati. */
  preferredUnits: string[];
}

/**
 * @param originOverFull whether the person's current position holds more people than its Kebutuhan
 *   after the active proposals (then moving them out opens no new vacancy and costs no penalty).
 * @param keyOf unitKey, or a memo of it (candidates.ts: tens of thousands of people share a few units).
 */
export function personTerms(e: Employee, w: Weights, tenureMaxMonths: number, date: Day, originOverFull: boolean, keyOf: (unit: string) => string = unitKey): PersonTerms {
  const months = monthsInPost(e, date);
  return {
    performance: w.performance * performanceFactor(e),
    rotation: months !== null && months >= tenureMaxMonths ? w.rotation : 0,
    newVacancy: originOverFull ? 0 : -w.newVacancyPenalty,
    preferredUnits: e.preferences.map((u) => keyOf(u)).filter(Boolean),
  };
}

/** The full breakdown for one eligible move (explanations; the hot loop uses precomputed pieces). */
export function scoreParts(e: Employee, p: Position, jpm: number | null, w: Weights, terms: PersonTerms): ScoreParts {
  const unit = unitKey(p.unit);
  return {
    jpm: (w.jpm * (jpm ?? 0)) / 100,
    performance: terms.performance,
    rotation: terms.rotation,
    preference: unit !== '' && terms.preferredUnits.includes(unit) ? w.preference : 0,
    major: p.majors.length > 0 && majorMatchesAny(p.majors, e.educationMajor) ? w.major : 0,
    newVacancy: terms.newVacancy,
  };
}
