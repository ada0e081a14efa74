/**
 * The workbook as the rules see it, after parsing. The same shapes are built by the sync server from
 * its database (the official record), so the rules run on both without knowing where data came from.
 * Every record keeps its worksheet row; `null` means empty or unparseable (the parser reported which).
 */
import type {
  Discipline, Education, EmployeeStatus, FunctionalLevel, Golongan, PositionType, Potential,
  ProposalReason, ProposalStatus, Skp,
} from './domain';
import type { Day } from './values/dates';

export interface Employee {
  row: number;
  nip: string;
  name: string;
  status: EmployeeStatus;
  rank: Golongan | null;
  /**
   * The position's code: as written, or the code of the Jabatan row a position *name* resolved to
   * (WORKBOOK.md, positions by name). A reference that resolved to nothing stays as written.
   */
  positionCode: string;
  /** Unit Kerja as written on the Pegawai row, when the sheet has that column (to resolve a position by name). */
  unit?: string;
  positionStart: Day | null;
  /** From NIP digits 1–8 when valid, else from Tanggal Lahir. */
  birthDate: Day | null;
  educationLevel: Education | null;
  educationMajor: string;
  skpLast: Skp | null;
  skpBefore: Skp | null;
  potential: Potential | null;
  discipline: Discipline;
  disciplineUntil: Day | null;
  trainings: string[];
  preferences: string[];
  /** Nine levels 1–5 in COMPETENCIES order, or null when the row has none. */
  competencies: number[] | null;
  /**
   * Set (true) when the NIP cell held a number (NIP_PRECISION): digits 16–18 read as zeros, so two such
   * rows with equal NIPs may be different people.
   */
  nipPrecisionLost?: boolean;
  /** SIASN's id of the person (`ID PNS SIASN`), when the sheet has it (docs/siasn.md). */
  pnsId?: string;
}

export interface Position {
  row: number;
  code: string;
  name: string;
  type: PositionType | null;
  level: FunctionalLevel | null;
  unit: string;
  class: number | null;
  needed: number;
  /** As written in Jabatan; null = the default for the type (see effective*). */
  minRank: Golongan | null;
  maxRank: Golongan | null;
  minEducation: Education | null;
  majors: string[];
  requiredTrainings: string[];
  /** Nine standard levels, or null for the type's default. Individual empty cells are null too. */
  standards: (number | null)[] | null;
  /**
   * Jabatan Kritikal = Ya (a key post for succession, RULES.md). Absent or false = Tidak; JPT and
   * Administrator posts are key posts whatever it says (that rule lives with succession, not here).
   */
  critical?: boolean;
  /** SIASN reference ids (`ID Unor SIASN`, …), when the sheet has them (docs/siasn.md). */
  unorId?: string;
  jabatanFungsionalId?: string;
  jabatanFungsionalUmumId?: string;
  eselonId?: string;
}

export interface Proposal {
  row: number;
  id: string;
  nip: string;
  /** The target's code, resolved from a position name as for Employee.positionCode. */
  toCode: string;
  /** Unit Tujuan as written, when the Usulan sheet has that column (to resolve a target by name). */
  toUnit?: string;
  reason: ProposalReason | null;
  /** null = the as-of date. */
  effectiveDate: Day | null;
  status: ProposalStatus;
  note: string;
  mendagriApproval: string;
  recordNo: string;
  approvedBy: string;
}

export interface Moratorium {
  from: Day;
  to: Day;
}

export interface Weights {
  jpm: number;
  performance: number;
  rotation: number;
  preference: number;
  major: number;
  newVacancyPenalty: number;
}

export interface Settings {
  asOf: Day;
  tenureMinMonths: number;
  tenureMaxMonths: number;
  retirementNearMonths: number;
  jpmMin: number;
  jpmOk: number;
  moratoria: Moratorium[];
  weights: Weights;
  /** Succession: successors named per key post (`Jumlah Suksesor`, default 3). */
  successorCount: number;
  /** Succession: months ahead in which a holder's retirement counts (`Horizon Pensiun (bulan)`, default 24). */
  retirementHorizonMonths: number;
  /** Days after TMT Mutasi by which the start-of-duty statement (SPMT) is due (`Batas SPMT (hari)`, default 30). */
  spmtDays: number;
  /** Months after TMT Mutasi at which the follow-up reviews fall due (`Evaluasi Pasca Mutasi (bulan)`, default 6; 12), ascending. */
  postMoveReviewMonths: number[];
}

export const DEFAULT_WEIGHTS: Weights = { jpm: 60, performance: 15, rotation: 10, preference: 10, major: 5, newVacancyPenalty: 20 };

export function defaultSettings(asOf: Day): Settings {
  return {
    asOf,
    tenureMinMonths: 24,
    tenureMaxMonths: 60,
    retirementNearMonths: 12,
    jpmMin: 68,
    jpmOk: 80,
    moratoria: [],
    weights: { ...DEFAULT_WEIGHTS },
    successorCount: 3,
    retirementHorizonMonths: 24,
    spmtDays: 30,
    postMoveReviewMonths: [6, 12],
  };
}
