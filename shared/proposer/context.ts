/**
 * What the proposer and Darurat both start from: the roster indexed, the active proposals walked (the
 * holders after them), the vacant seats, who is free to move and which rows are unusable.
 */
import { isActiveStatus } from '../domain';
import type { Employee, Proposal, Settings } from '../model';
import { FindingSink } from '../rules/emit';
import { walkProposals, type WalkResult } from '../rules/proposals';
import { indexRoster, type RosterIndex } from '../rules/roster';
import { createMoveContext, type MoveContext } from '../rules/transfer';
import type { Book, Finding, Lang } from '../rules/types';
import type { CheckedRoster } from '../engine';
import type { Day } from '../values/dates';
import { positionStartPlausible } from '../values/nip';
import { countVacancies, type PositionCount } from './vacancies';

export interface ProposerOptions {
  /** TMT Mutasi of the proposed moves; default the as-of date. */
  date?: Day;
  lang?: Lang;
  /**
   * The findings of `check` on the same workbook (checkSheets(...).result.findings). Pegawai and
   * Jabatan rows with an error among them are never proposed from or into. Without them only the
   * roster's own checks (unknown position codes) apply.
   */
  findings?: Finding[];
  /**
   * Propose only moves without any warning, so that none needs a justification (Catatan) to be
   * approved: a warning then rules a move out as an error does. Off by default (RULES.md: a move
   * is a candidate when it has no error finding).
   */
  withoutWarnings?: boolean;
  /**
   * The roster index and proposal walk `check` made on this same book (checkSheets(...).roster):
   * used instead of building them again. Ignored when made on another book.
   */
  roster?: CheckedRoster | null;
}

export interface DataProblem {
  rule: Finding['rule'];
  cell: string;
  message: string;
}

export interface ProposerContext {
  book: Book;
  settings: Settings;
  date: Day;
  lang: Lang;
  idx: RosterIndex;
  walk: WalkResult;
  counts: Map<string, PositionCount>;
  move: MoveContext;
  /** The first active proposal of each NIP. */
  activeProposal: Map<string, Proposal>;
  /** Error findings on Pegawai rows, by row. */
  employeeErrors: Map<number, DataProblem[]>;
  /** Error findings on Jabatan rows, by position code. */
  positionErrors: Map<string, DataProblem[]>;
  /** People free to be proposed: known position, no active proposal, no data error. */
  pool: Employee[];
  /** ProposerOptions.withoutWarnings. */
  withoutWarnings: boolean;
}

export function proposerContext(book: Book, opts: ProposerOptions = {}): ProposerContext {
  const lang = opts.lang ?? 'id';
  const checked = opts.roster?.book === book ? opts.roster : null;
  const idx = checked?.idx ?? indexRoster(book, null);
  // The walk's own findings are check's business; the proposer needs its counts.
  const walk = checked?.walk ?? walkProposals(book, idx, new FindingSink(lang, book.layout));
  const counts = countVacancies(idx.positions.values(), idx.holders, walk.after);

  const activeProposal = new Map<string, Proposal>();
  for (const pr of [...book.proposals].sort((a, b) => a.row - b.row)) {
    if (isActiveStatus(pr.status) && pr.nip && !activeProposal.has(pr.nip)) activeProposal.set(pr.nip, pr);
  }

  const employeeErrors = new Map<number, DataProblem[]>();
  const jabatanRows = new Map<number, DataProblem[]>();
  for (const f of opts.findings ?? []) {
    if (f.severity !== 'error') continue;
    const target = f.sheet === book.layout.pegawai.name ? employeeErrors : f.sheet === book.layout.jabatan.name ? jabatanRows : null;
    if (!target) continue;
    const l = target.get(f.row);
    const d = { rule: f.rule, cell: f.cell, message: f.message };
    if (l) l.push(d);
    else target.set(f.row, [d]);
  }
  const positionErrors = new Map<string, DataProblem[]>();
  for (const p of idx.positions.values()) {
    const l = jabatanRows.get(p.row);
    if (l) positionErrors.set(p.code, l);
  }

  const pool: Employee[] = [];
  for (const e of idx.employees.values()) {
    if (!e.nip || activeProposal.has(e.nip) || employeeErrors.has(e.row)) continue;
    if (!idx.positions.has(e.positionCode)) continue;
    // A TMT Jabatan before TMT CPNS is a data error (VALUE_INVALID) even when no findings were passed.
    if (!positionStartPlausible(e.nip, e.positionStart)) continue;
    pool.push(e);
  }

  return {
    book,
    settings: book.settings,
    date: opts.date ?? book.settings.asOf,
    lang,
    idx,
    walk,
    counts,
    move: createMoveContext(book.settings, idx.positions.values()),
    activeProposal,
    employeeErrors,
    positionErrors,
    pool,
    withoutWarnings: opts.withoutWarnings === true,
  };
}
