/**
 * The typical mistakes of WORKBOOK.md, on a few percent of the Pegawai rows: some are spellings the
 * reader must accept (NIP with spaces, `3a`, `1 Maret 2019`, `S-1` …), some are real errors the check
 * must report (NIP typed as a number, a wrong NIP digit, `#N/A`, a duplicated NIP, a birth date that
 * disagrees with the NIP, an unknown position code, a future TMT, an empty required cell).
 * Scenario people never get one. Rows with an error mistake keep their posts out of clean proposals.
 */
import { GOLONGAN, PANGKAT, type Golongan } from '../../../shared/domain';
import { addMonths, ymd, type Day } from '../../../shared/values/dates';
import type { Rng } from './prng';
import type { DemoEmployee, DemoPosition } from './types';

/** Accepted spellings: the row must still read cleanly. */
export const COSMETIC = ['nip-spaces', 'rank-spelling', 'date-text-id', 'date-text-dash', 'education-spelling'] as const;
/** Real errors: each one is a finding. */
export const ERRONEOUS = [
  'nip-number', 'nip-wrong-digit', 'nip-short', 'error-value', 'birth-mismatch', 'unknown-position', 'future-tmt', 'required-missing',
] as const;
export type MistakeKind = (typeof COSMETIC)[number] | (typeof ERRONEOUS)[number];

export interface MistakePlan {
  kinds: Map<DemoEmployee, MistakeKind>;
  /** Second rows for people listed twice (same NIP), under their previous post. */
  duplicates: DemoEmployee[];
  /** Posts whose holder count the check may see differently: no clean proposal touches them. */
  tainted: Set<DemoPosition>;
}

/** About `rate` of the people get a mistake, every kind at least once; `duplicates` people are listed twice. */
export function planMistakes(employees: DemoEmployee[], rng: Rng, rate: number, duplicates: number): MistakePlan {
  const candidates = rng.shuffle(employees.filter((e) => !e.scenario));
  const n = Math.min(candidates.length, Math.max(COSMETIC.length + ERRONEOUS.length, Math.round(employees.length * rate)));
  const kinds = new Map<DemoEmployee, MistakeKind>();
  const tainted = new Set<DemoPosition>();
  const all: MistakeKind[] = [...COSMETIC, ...ERRONEOUS];
  for (let i = 0; i < n; i++) {
    const e = candidates[i]!;
    // The first rows take every kind once; after that cosmetic spellings are three times as common.
    let kind: MistakeKind = i < all.length ? all[i]! : rng.chance(0.75) ? rng.pick(COSMETIC) : rng.pick(ERRONEOUS);
    if (kind === 'education-spelling' && !['S1', 'D3', 'SMA', 'D4'].includes(e.education)) kind = 'nip-spaces';
    if (kind === 'rank-spelling' && e.rank === null) kind = 'date-text-id';
    if (kind === 'error-value' && e.rank === null) kind = 'nip-number';
    kinds.set(e, kind);
    if ((ERRONEOUS as readonly string[]).includes(kind)) tainted.add(e.position);
  }
  const dups: DemoEmployee[] = [];
  for (const e of candidates.slice(n, n + duplicates)) {
    // Listed under the new post and, forgotten, under the old one: same NIP on two rows.
    const old = employees[(employees.indexOf(e) + 7) % employees.length]!.position;
    dups.push({ ...e, position: old, positionStart: addMonths(e.positionStart, -36) });
    tainted.add(e.position).add(old);
    kinds.delete(e);
  }
  return { kinds, duplicates: dups, tainted };
}

const ROMAN = ['I', 'II', 'III', 'IV'];
/** `3a`, `III-A`, `Penata Muda (III/a)`, `IIIa`, `3/a`, `Penata Muda, III/a`, `III/A`. */
export function rankSpelling(g: Golongan, rng: Rng): string {
  const [group, letter] = g.split('/') as [string, string];
  const digit = String(ROMAN.indexOf(group) + 1);
  const pangkat = PANGKAT[GOLONGAN.indexOf(g)]!;
  return rng.pick([
    `${digit}${letter}`, `${group}-${letter.toUpperCase()}`, `${pangkat} (${g})`, `${group}${letter}`, `${digit}/${letter}`,
    `${pangkat}, ${g}`, `${group}/${letter.toUpperCase()}`,
  ]);
}

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
export function indonesianDate(d: Day): string {
  const x = ymd(d);
  return `${x.d} ${BULAN[x.m - 1]} ${x.y}`;
}
export function dashDate(d: Day): string {
  const x = ymd(d);
  return `${String(x.d).padStart(2, '0')}-${String(x.m).padStart(2, '0')}-${x.y}`;
}

const EDUCATION_SPELLING: Record<string, string[]> = {
  S1: ['S-1', 'Sarjana', 'S 1'], D3: ['D-III', 'Diploma III', 'DIII'], SMA: ['SLTA', 'SMK', 'SMU'], D4: ['D-IV', 'DIV'],
};
export function educationSpelling(e: string, rng: Rng): string {
  return rng.pick(EDUCATION_SPELLING[e] ?? [e]);
}

/** `19800101 200501 1 001`. */
export function nipWithSpaces(nip: string): string {
  return `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;
}

/** What Excel keeps of an NIP typed into a General cell: 15 significant digits, then zeros. */
export function nipAsNumber(nip: string): number {
  return Number(nip.slice(0, 15)) * 1000;
}

/** One wrong digit: the gender digit (15) typed as 3, or the birth month made 13. */
export function nipWrongDigit(nip: string, rng: Rng): string {
  return rng.chance(0.5) ? `${nip.slice(0, 14)}3${nip.slice(15)}` : `${nip.slice(0, 4)}13${nip.slice(6)}`;
}
