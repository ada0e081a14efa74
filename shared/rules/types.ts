/** What the engine returns: findings pointing at cells, per-proposal verdicts, the per-unit summary. */
import type { Employee, Position, Proposal, Settings } from '../model';
import type { Day } from '../values/dates';

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'id' | 'en';

export const RULE_IDS = [
  // data rules
  'SHEET_MISSING', 'HEADER_MISSING', 'REQUIRED_MISSING', 'VALUE_INVALID', 'NIP_FORMAT', 'NIP_PRECISION',
  'NIP_DUPLICATE', 'BIRTHDATE_MISMATCH', 'POSITION_DUPLICATE', 'POSITION_UNKNOWN', 'EMPLOYEE_UNKNOWN',
  'DATE_IN_FUTURE', 'OVER_FORMATION', 'ROTATION_DUE',
  // transfer rules
  'SAME_POSITION', 'PROPOSAL_DUPLICATE', 'STATUS_INELIGIBLE', 'TENURE_MIN', 'RANK_BELOW_MIN', 'RANK_ABOVE_MAX',
  'EDUCATION_BELOW_MIN', 'EDUCATION_FIELD_MISMATCH', 'COMPETENCY_FIT_LOW', 'COMPETENCY_FIT_MARGINAL',
  'COMPETENCY_DATA_MISSING', 'PERFORMANCE_LOW', 'PERFORMANCE_MISSING', 'DISCIPLINE_ACTIVE', 'RETIREMENT_PASSED',
  'RETIREMENT_NEAR', 'FORMATION_FULL', 'LEVEL_SKIP', 'LEVEL_DOWN', 'ELECTION_MORATORIUM', 'TRAINING_MISSING',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface Finding {
  rule: RuleId;
  severity: Severity;
  sheet: string;
  /** Worksheet row, 1-based as Excel shows it. */
  row: number;
  /** The column's header as written in the workbook (or the canonical header). */
  column: string;
  /** A1 address of the cell, without the sheet name. */
  cell: string;
  /** NIP, position code or proposal id the finding is about. */
  subject: string;
  message: string;
}

export type Verdict = Severity | 'ok' | 'inactive';

export interface ProposalResult {
  row: number;
  id: string;
  nip: string;
  to: string;
  jpm: number | null;
  verdict: Verdict;
  rules: RuleId[];
}

export interface UnitSummary {
  unit: string;
  /** Σ Kebutuhan of the unit's positions. */
  needed: number;
  holdersToday: number;
  /** Holders after the active proposals that claim a seat (FORMATION_FULL and unknown rows do not). */
  holdersAfter: number;
  /** holdersAfter − needed: positive = surplus, negative = deficit. */
  balance: number;
}

export interface Counts {
  employees: number;
  positions: number;
  proposals: number;
  error: number;
  warning: number;
  info: number;
}

export interface CheckResult {
  asOf: string;
  counts: Counts;
  findings: Finding[];
  proposals: ProposalResult[];
  units: UnitSummary[];
}

/**
 * Where each field of a sheet sits in the workbook, so findings can point at cells. Built by the
 * reader from the header row; for records that came from a database (the sync server) the canonical
 * layout (canonicalLayout) stands in.
 */
export interface SheetLayout {
  /** The sheet's name as written in the workbook. */
  name: string;
  headerRow: number;
  /** First row of data when not headerRow + 1 (a two-row header, a row of column numbers under it). */
  dataRow?: number;
  /** field → 1-based column, and the header text found there. */
  columns: Record<string, { col: number; header: string }>;
}

export interface Layout {
  pegawai: SheetLayout;
  jabatan: SheetLayout;
  usulan: SheetLayout;
}

/** Everything the rules need: parsed records, settings, and where they came from. */
export interface Book {
  employees: Employee[];
  positions: Position[];
  proposals: Proposal[];
  settings: Settings;
  layout: Layout;
  /**
   * Holders per position code today, when the caller knows them without listing every employee
   * (the sync server counts in SQL). Absent: counted from `employees`.
   */
  holderCounts?: Map<string, number>;
  /**
   * Decisions already recorded by the sync server, from the workbook's `Keputusan` sheet (`mutasi
   * export`). With the Usulan rows that are Tercatat with a Nomor Catatan they explain a TMT Jabatan
   * still ahead of the as-of date (a move recorded before it takes effect): no DATE_IN_FUTURE there.
   */
  recordedMoves?: RecordedMove[];
}

export interface RecordedMove {
  recordNo: string;
  nip: string;
  toCode: string;
  effectiveDate: Day;
}
