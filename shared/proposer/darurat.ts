/**
 * Darurat (disaster response): for one position and a count, the best people to send now, with the
 * minimum-tenure rule relaxed to a warning — which the engine does itself for Jenis Mutasi Darurat
 * (TENURE_MIN is a warning then). Every other rule stands, so a Darurat row passes `check` with
 * warnings that a supervisor justifies in Catatan.
 *
 * Ranking, for a position that lists Rumpun Jurusan: people whose Jurusan matches first (a nurse to a
 * nurse's post), then by JPM (competency fit; none = last), then by the proposal score, then NIP.
 *
 * Seats: Darurat never proposes more people than the position's vacant seats. FORMATION_FULL is an error
 * whatever the reason, and the sync server refuses it; deploying more people than the ABK allows starts
 * with raising Kebutuhan in Jabatan (the emergency's workload), which the office decides, not the tool.
 * When `count` is larger than the vacant seats, the next best people are returned as `reserves` so the
 * office sees who would go once Kebutuhan is raised.
 */
import type { Employee, Position } from '../model';
import { evaluateMove, majorMatchesAny } from '../rules/transfer';
import { isoDate } from '../values/dates';
import { proposerContext, type ProposerContext, type ProposerOptions } from './context';
import { markSeatDependencies } from './depends';
import { describeMove } from './explain';
import { personTerms, scoreOf, scoreParts } from './score';
import type { ProposedMove } from './types';
import { opensVacancy } from './vacancies';

export interface DaruratPick {
  move: ProposedMove;
  majorMatch: boolean;
  /** True when the move is allowed only because TENURE_MIN is relaxed (the normal plan refuses it). */
  tenureRelaxed: boolean;
}

export interface DaruratResult {
  code: string;
  name: string;
  unit: string;
  date: string;
  requested: number;
  vacant: number;
  chosen: DaruratPick[];
  /** The next best people beyond the vacant seats (up to requested − chosen, at least three). */
  reserves: DaruratPick[];
  /** People free to move who were checked. */
  considered: number;
  context: ProposerContext;
}

export class DaruratError extends Error {}

export function proposeDarurat(book: Parameters<typeof proposerContext>[0], code: string, count: number, opts: ProposerOptions = {}): DaruratResult {
  const c = proposerContext(book, opts);
  const p = c.idx.positions.get(code);
  if (!p) throw new DaruratError(c.lang === 'en' ? `position code ${code} is not on sheet Jabatan` : `kode jabatan ${code} tidak ada di lembar Jabatan`);
  if (c.positionErrors.has(code)) {
    throw new DaruratError(c.lang === 'en' ? `the row of position ${code} has data errors; fix them first` : `baris jabatan ${code} memuat galat data; perbaiki dulu`);
  }
  const vacant = c.counts.get(code)!.vacant;
  const ranked: { e: Employee; jpm: number | null; score: number; majorMatch: boolean; tenureRelaxed: boolean }[] = [];
  for (const e of c.pool) {
    if (e.positionCode === code) continue;
    const r = evaluateMove(c.move, e, p, { date: c.date, reason: 'Darurat' });
    if (r.findings.some((f) => f.severity === 'error' || f.rule === 'LEVEL_DOWN')) continue;
    const terms = personTerms(e, c.settings.weights, c.settings.tenureMaxMonths, c.date, !opensVacancy(c.counts, e.positionCode));
    ranked.push({
      e,
      jpm: r.jpm,
      score: scoreOf(scoreParts(e, p, r.jpm, c.settings.weights, terms)),
      majorMatch: majorMatch(p, e.educationMajor),
      tenureRelaxed: r.findings.some((f) => f.rule === 'TENURE_MIN'),
    });
  }
  ranked.sort(
    (a, b) =>
      Number(b.majorMatch) - Number(a.majorMatch) ||
      (b.jpm ?? -1) - (a.jpm ?? -1) ||
      b.score - a.score ||
      (a.e.nip < b.e.nip ? -1 : a.e.nip > b.e.nip ? 1 : 0),
  );
  // Messages only for the people shown.
  const pick = (x: (typeof ranked)[number]): DaruratPick => ({ move: describeMove(c, x.e, p, 'Darurat', c.date, true), majorMatch: x.majorMatch, tenureRelaxed: x.tenureRelaxed });
  const n = Math.min(count, vacant);
  const chosen = ranked.slice(0, n).map(pick);
  markSeatDependencies(c, chosen.map((x) => x.move));
  return {
    code,
    name: p.name,
    unit: p.unit,
    date: isoDate(c.date),
    requested: count,
    vacant,
    chosen,
    reserves: ranked.slice(n, n + Math.max(3, count - n)).map(pick),
    considered: c.pool.length,
    context: c,
  };
}

function majorMatch(p: Position, major: string): boolean {
  return p.majors.length > 0 && majorMatchesAny(p.majors, major);
}
