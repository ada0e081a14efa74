/** The demo agency as plain data, before it is written into a workbook. */
import type {
  Discipline, Education, EmployeeStatus, FunctionalLevel, Golongan, PositionType, Potential, ProposalReason,
  ProposalStatus, Skp,
} from '../../../shared/domain';
import type { Day } from '../../../shared/values/dates';
import type { Gender } from './names';

export interface DemoUnit {
  code: string;
  name: string;
}

export interface DemoPosition {
  code: string;
  name: string;
  type: PositionType;
  level: FunctionalLevel | null;
  unit: DemoUnit;
  class: number | null;
  needed: number;
  /** Written into Jabatan only when not null (null = the type's default applies). */
  minRank: Golongan | null;
  maxRank: Golongan | null;
  minEducation: Education | null;
  majors: string[];
  requiredTrainings: string[];
  standards: number[] | null;
  /** Functional family key (e.g. PERAWAT), or STRUKTURAL / PELAKSANA: who can rotate into it. */
  family: string;
  /** Weight when sharing out Kebutuhan (0 = a single seat, as for structural posts). */
  weight: number;
  /** Kept when the generator trims to the requested number of positions. */
  keep: number;
  /** Jabatan Kritikal = Ya (critical.ts). */
  critical?: boolean;
}

export interface DemoEmployee {
  nip: string;
  name: string;
  gender: Gender;
  status: EmployeeStatus;
  rank: Golongan | null;
  position: DemoPosition;
  positionStart: Day;
  birth: Day;
  tmtCpns: Day;
  education: Education;
  major: string;
  skpLast: Skp | null;
  skpBefore: Skp | null;
  potential: Potential | null;
  discipline: Discipline;
  /** "Tidak Ada" written out, or the cell left empty (both mean no penalty). */
  disciplineWritten: boolean;
  disciplineUntil: Day | null;
  trainings: string[];
  preferences: string[];
  competencies: number[] | null;
  /** Set for the people the rule scenarios of sheet Usulan are about: never given data mistakes. */
  scenario?: string;
}

export interface DemoProposal {
  id: string;
  nip: string;
  toCode: string;
  reason: ProposalReason;
  effectiveDate: Day | null;
  status: ProposalStatus;
  note: string;
  mendagriApproval: string;
  approvedBy: string;
  recordNo: string;
  /** The rule this row is there to show, for the demo's own tests ('' for a clean row). */
  expect: string;
}
