/** The proposer's results as plain data (JSON for `propose --json` and the add-in's Usulkan pane). */
import type { Weights } from '../model';
import type { RuleId, Severity, UnitSummary } from '../rules/types';
import type { ScoreParts } from './score';

export interface MoveNote {
  rule: RuleId;
  severity: Severity;
  message: string;
}

export interface ProposedMove {
  nip: string;
  name: string;
  fromCode: string;
  fromName: string;
  fromUnit: string;
  toCode: string;
  toName: string;
  toUnit: string;
  /** Promosi for one rung up the same ladder, Rotasi otherwise; Darurat from proposeDarurat. */
  reason: 'Rotasi' | 'Promosi' | 'Darurat';
  /** TMT Mutasi, YYYY-MM-DD. */
  date: string;
  jpm: number | null;
  score: number;
  /** Add up to `score`. */
  parts: ScoreParts;
  /** The engine's warnings and infos for this move (errors never: such a move is not proposed). */
  notes: MoveNote[];
  /** One line for Hasil Pemeriksaan: the score and its parts, then the warnings. */
  explanation: string;
  /**
   * Active proposals (No Usulan) that must be recorded before this move: its seat is free only once they
   * move someone out of the target (depends.ts). Absent when the seat is free today.
   */
  dependsOn?: string[];
}

export interface Alternative {
  nip: string;
  name: string;
  score: number;
  /** Where the plan proposes this person instead, or null. */
  proposedTo: string | null;
}

export interface UnfilledWhy {
  /** Seats left open. */
  open: number;
  /** People eligible for the position at all. */
  eligible: number;
  /** Of those, proposed for another seat that gives a larger total. */
  proposedElsewhere: number;
  /** Of those, with a score of 0 or less (a move that gains nothing is not proposed). */
  nonPositive: number;
  /** People free to move who are blocked from this position by exactly one rule, by rule (most common first). */
  nearBlocks: { rule: RuleId; count: number }[];
  message: string;
}

export interface SeatPlan {
  code: string;
  name: string;
  unit: string;
  vacant: number;
  filled: number;
  /** NIPs proposed for this position. */
  chosen: string[];
  /** The next best eligible people for this position (up to three), not proposed here. */
  alternatives: Alternative[];
  unfilled?: UnfilledWhy;
}

export interface OpenedVacancy {
  code: string;
  name: string;
  unit: string;
  /** Seats the plan empties below Kebutuhan (moves out beyond the position's surplus). */
  count: number;
}

export interface PlanStats {
  employees: number;
  /** People without an active proposal or data error. */
  pool: number;
  /** People with no person-level error (status, tenure, SKP, discipline, moratorium). */
  movable: number;
  positionsWithVacancy: number;
  seats: number;
  /** Eligible person–position pairs. */
  pairs: number;
  engineCalls: number;
  ms: { context: number; candidates: number; solve: number; explain: number };
}

export interface Plan {
  asOf: string;
  /** TMT Mutasi of every move. */
  date: string;
  weights: Weights;
  /** Only moves without any warning were considered (ProposerOptions.withoutWarnings). */
  withoutWarnings: boolean;
  totalScore: number;
  moves: ProposedMove[];
  /** Every position with a vacant seat, by code. */
  seats: SeatPlan[];
  opened: OpenedVacancy[];
  units: { before: UnitSummary[]; after: UnitSummary[] };
  stats: PlanStats;
}

export interface SeatWhy {
  code: string;
  name: string;
  score: number;
  parts: ScoreParts;
  /**
   * outscored: every seat is taken by someone who scored at least as much here;
   * full: every seat is taken (the person is proposed elsewhere, where the total gains more);
   * elsewhere: a seat is free but the person is proposed for another position;
   * nonPositive: the move would score 0 or less.
   */
  kind: 'outscored' | 'full' | 'elsewhere' | 'nonPositive';
  by: { nip: string; name: string; score: number }[];
}

export interface WhyNot {
  nip: string;
  name: string;
  status: 'unknown' | 'proposed' | 'active-proposal' | 'data-error' | 'blocked' | 'not-chosen' | 'no-vacancy';
  /** One sentence for a person reading it. */
  message: string;
  /** Blocking findings (data errors, person-level or target-level rules), with messages. */
  blocks: MoveNote[];
  move?: ProposedMove;
  /** For each eligible vacant position (or the one asked about): why this person is not there. */
  seats: SeatWhy[];
}
