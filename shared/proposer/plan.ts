/**
 * The proposer's front door: a workbook in, the optimal explained plan out (RULES.md "Proposal score").
 *
 *  1. context: the roster, the active proposals walked, the vacant seats, who is free to move;
 *  2. candidates: every eligible person–position pair with its score (the engine decides eligibility);
 *  3. solve: the exact maximum-score assignment (solver.ts) — each person at most once, each position
 *     at most its vacant seats; pairs scoring 0 or less are never chosen;
 *  4. explain: each move's parts and warnings, alternatives, open seats, units before and after.
 * Deterministic: people are rows in NIP order and positions columns in code order, and the solver is
 * a pure function of its arrays.
 */
import { checkSheets, type CheckOptions } from '../engine';
import type { Book, CheckResult } from '../rules/types';
import type { SheetData } from '../workbook/gateway';
import { isoDate } from '../values/dates';
import { buildCandidates, type CandidateGraph } from './candidates';
import { proposerContext, type ProposerContext, type ProposerOptions } from './context';
import { markSeatDependencies } from './depends';
import { describeMove, openedVacancies, reasonFor, seatPlans, unitsBeforeAfter, whyNot } from './explain';
import { solveAssignmentByColumn, type Assignment } from './solver';
import type { Plan, ProposedMove, WhyNot } from './types';
import { opensVacancy } from './vacancies';

export interface PlanOptions extends ProposerOptions {
  /** Called while candidates are generated (the slow part on a large roster). */
  onProgress?: (phase: 'candidates' | 'solve' | 'explain', done: number, total: number) => void;
}

export interface ProposerRun {
  plan: Plan;
  /** Why a person is not in the plan, or not proposed for `code`. */
  whyNot(nip: string, code?: string): WhyNot;
  context: ProposerContext;
  graph: CandidateGraph;
  assignment: Assignment;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function proposeBook(book: Book, opts: PlanOptions = {}): ProposerRun {
  const t0 = now();
  const c = proposerContext(book, opts);
  const positions = [...c.counts.values()].filter((pc) => pc.vacant > 0 && !c.positionErrors.has(pc.position.code)).map((pc) => pc.position);
  const t1 = now();
  const graph = buildCandidates({
    ctx: c.move,
    settings: c.settings,
    date: c.date,
    people: c.pool,
    positions,
    vacant: (code) => c.counts.get(code)!.vacant,
    originOverFull: (code) => !opensVacancy(c.counts, code),
    onProgress: opts.onProgress && ((d, t) => opts.onProgress!('candidates', d, t)),
    withoutWarnings: c.withoutWarnings,
  });
  const t2 = now();
  opts.onProgress?.('solve', 0, 1);
  const assignment = solveAssignmentByColumn({
    nRows: graph.people.length,
    nCols: graph.positions.length,
    capacity: graph.capacity,
    colStart: graph.colStart,
    row: graph.row,
    score: graph.score,
    // The graph is ours: each position's pairs may be put in score order in place (stable among
    // equal scores, so a position still lists equal scorers in NIP order for the alternatives).
    reorder: true,
  });
  opts.onProgress?.('solve', 1, 1);
  const t3 = now();

  const moves: ProposedMove[] = [];
  for (let i = 0; i < graph.people.length; i++) {
    const col = assignment.rowToCol[i]!;
    if (col < 0) continue;
    const e = graph.people[i]!;
    const p = graph.positions[col]!;
    moves.push(describeMove(c, e, p, reasonFor(c.idx.positions.get(e.positionCode), p), c.date));
  }
  markSeatDependencies(c, moves);
  const seats = seatPlans(c, graph, assignment);
  const t4 = now();

  const plan: Plan = {
    asOf: isoDate(c.settings.asOf),
    date: isoDate(c.date),
    weights: { ...c.settings.weights },
    withoutWarnings: c.withoutWarnings,
    totalScore: assignment.total,
    moves,
    seats,
    opened: openedVacancies(c, moves),
    units: unitsBeforeAfter(c, moves),
    stats: {
      employees: c.idx.employees.size,
      pool: c.pool.length,
      movable: graph.movable,
      positionsWithVacancy: graph.positions.length,
      seats: graph.capacity.reduce((a, b) => a + b, 0),
      pairs: graph.row.length,
      engineCalls: graph.engineCalls,
      ms: { context: t1 - t0, candidates: t2 - t1, solve: t3 - t2, explain: t4 - t3 },
    },
  };

  const byNip = new Map(moves.map((m) => [m.nip, m]));
  let holders: number[][] | null = null;
  const holdersOf = (col: number): number[] => {
    if (!holders) {
      holders = graph.positions.map(() => []);
      for (let i = 0; i < graph.people.length; i++) if (assignment.rowToCol[i]! >= 0) holders[assignment.rowToCol[i]!]!.push(i);
    }
    return holders[col]!;
  };
  return { plan, whyNot: (nip, code) => whyNot(c, graph, assignment, byNip, holdersOf, nip, code), context: c, graph, assignment };
}

/**
 * Reads and checks the sheets, then proposes: rows with data errors are left out. `book` is null (and
 * `run` too) when Pegawai or Jabatan cannot be read; `check` says why.
 */
export function proposeSheets(sheets: SheetData[], opts: PlanOptions & Pick<CheckOptions, 'asOf' | 'columnMap'> = {}): { check: CheckResult; run: ProposerRun | null } {
  const { result, book, roster } = checkSheets(sheets, { asOf: opts.asOf, lang: opts.lang, columnMap: opts.columnMap });
  if (!book) return { check: result, run: null };
  return { check: result, run: proposeBook(book, { ...opts, findings: result.findings, roster }) };
}
