/**
 * The official record's shapes as the API shows them (dates as ISO yyyy-mm-dd text), their rows in
 * the database, and the conversion to the engine's model (shared/model.ts) so the rules run on it.
 * Fields the server never queries by live in one JSON `profile` column: adding one to the workbook
 * contract does not need a migration.
 */
import type { Employee, Position } from '../../shared/model';
import { isoDate, parseDateText, type Day } from '../../shared/values/dates';
import type { Finding } from '../../shared/rules/types';

export interface EmployeeRecord {
  nip: string;
  name: string;
  status: Employee['status'];
  rank: Employee['rank'];
  positionCode: string;
  positionStart: string | null;
  birthDate: string | null;
  educationLevel: Employee['educationLevel'];
  educationMajor: string;
  skpLast: Employee['skpLast'];
  skpBefore: Employee['skpBefore'];
  potential: Employee['potential'];
  discipline: Employee['discipline'];
  disciplineUntil: string | null;
  trainings: string[];
  preferences: string[];
  competencies: number[] | null;
  version: number;
}

export interface PositionRecord {
  code: string;
  name: string;
  type: Position['type'];
  level: Position['level'];
  unit: string;
  class: number | null;
  needed: number;
  minRank: Position['minRank'];
  maxRank: Position['maxRank'];
  minEducation: Position['minEducation'];
  majors: string[];
  requiredTrainings: string[];
  standards: (number | null)[] | null;
  version: number;
}

export interface DecisionRecord {
  recordNo: string;
  mutationId: string;
  workbookId: string;
  proposalId: string;
  nip: string;
  fromPositionCode: string;
  toPositionCode: string;
  reason: string;
  effectiveDate: string;
  note: string;
  mendagriApproval: string | null;
  approvedBy: string;
  recordedAt: string;
  findings: Finding[];
  employeeVersion: number;
  version: number;
}

const dayIso = (d: Day | null): string | null => (d === null ? null : isoDate(d));
const isoDay = (s: string | null): Day | null => (s ? parseDateText(s) : null);

// ---- employees ----
type EmployeeProfile = Omit<EmployeeRecord, 'nip' | 'name' | 'positionCode' | 'positionStart' | 'version'>;

export interface EmployeeRow {
  nip: string;
  name: string;
  position_code: string;
  position_start: string | null;
  profile: string;
  version: number;
}

export function employeeRecordFromModel(e: Employee, version: number): EmployeeRecord {
  return {
    nip: e.nip, name: e.name, status: e.status, rank: e.rank, positionCode: e.positionCode,
    positionStart: dayIso(e.positionStart), birthDate: dayIso(e.birthDate), educationLevel: e.educationLevel,
    educationMajor: e.educationMajor, skpLast: e.skpLast, skpBefore: e.skpBefore, potential: e.potential,
    discipline: e.discipline, disciplineUntil: dayIso(e.disciplineUntil), trainings: e.trainings,
    preferences: e.preferences, competencies: e.competencies, version,
  };
}

export function employeeToRow(r: EmployeeRecord): EmployeeRow {
  const { nip, name, positionCode, positionStart, version, ...profile } = r;
  return { nip, name, position_code: positionCode, position_start: positionStart, profile: JSON.stringify(profile), version };
}

export function employeeFromRow(row: EmployeeRow): EmployeeRecord {
  const profile = JSON.parse(row.profile) as EmployeeProfile;
  return {
    nip: row.nip, name: row.name, positionCode: row.position_code, positionStart: row.position_start,
    ...profile, version: Number(row.version),
  } as EmployeeRecord;
}

export function employeeModel(r: EmployeeRecord, row = 2): Employee {
  return {
    row, nip: r.nip, name: r.name, status: r.status, rank: r.rank, positionCode: r.positionCode,
    positionStart: isoDay(r.positionStart), birthDate: isoDay(r.birthDate), educationLevel: r.educationLevel,
    educationMajor: r.educationMajor, skpLast: r.skpLast, skpBefore: r.skpBefore, potential: r.potential,
    discipline: r.discipline, disciplineUntil: isoDay(r.disciplineUntil), trainings: r.trainings,
    preferences: r.preferences, competencies: r.competencies,
  };
}

// ---- positions ----
type PositionProfile = Omit<PositionRecord, 'code' | 'name' | 'unit' | 'needed' | 'version'>;

export interface PositionRow {
  code: string;
  name: string;
  unit: string;
  needed: number;
  profile: string;
  version: number;
}

export function positionRecordFromModel(p: Position, version: number): PositionRecord {
  return {
    code: p.code, name: p.name, type: p.type, level: p.level, unit: p.unit, class: p.class, needed: p.needed,
    minRank: p.minRank, maxRank: p.maxRank, minEducation: p.minEducation, majors: p.majors,
    requiredTrainings: p.requiredTrainings, standards: p.standards, version,
  };
}

export function positionToRow(r: PositionRecord): PositionRow {
  const { code, name, unit, needed, version, ...profile } = r;
  return { code, name, unit, needed, profile: JSON.stringify(profile), version };
}

export function positionFromRow(row: PositionRow): PositionRecord {
  const profile = JSON.parse(row.profile) as PositionProfile;
  return { code: row.code, name: row.name, unit: row.unit, needed: Number(row.needed), ...profile, version: Number(row.version) };
}

export function positionModel(r: PositionRecord, row = 2): Position {
  return {
    row, code: r.code, name: r.name, type: r.type, level: r.level, unit: r.unit, class: r.class, needed: r.needed,
    minRank: r.minRank, maxRank: r.maxRank, minEducation: r.minEducation, majors: r.majors,
    requiredTrainings: r.requiredTrainings, standards: r.standards,
  };
}

// ---- decisions ----
export interface DecisionRow {
  record_no: string;
  mutation_id: string;
  workbook_id: string;
  proposal_id: string;
  nip: string;
  from_code: string;
  to_code: string;
  reason: string;
  effective_date: string;
  note: string;
  mendagri_approval: string | null;
  approver: string;
  token_id: number;
  recorded_at: string;
  findings: string;
  employee_version: number;
  version: number;
}

export function decisionToRow(d: DecisionRecord, tokenId: number): DecisionRow {
  return {
    record_no: d.recordNo, mutation_id: d.mutationId, workbook_id: d.workbookId, proposal_id: d.proposalId,
    nip: d.nip, from_code: d.fromPositionCode, to_code: d.toPositionCode, reason: d.reason,
    effective_date: d.effectiveDate, note: d.note, mendagri_approval: d.mendagriApproval, approver: d.approvedBy,
    token_id: tokenId, recorded_at: d.recordedAt, findings: JSON.stringify(d.findings),
    employee_version: d.employeeVersion, version: d.version,
  };
}

export function decisionFromRow(row: DecisionRow): DecisionRecord {
  return {
    recordNo: row.record_no, mutationId: row.mutation_id, workbookId: row.workbook_id, proposalId: row.proposal_id,
    nip: row.nip, fromPositionCode: row.from_code, toPositionCode: row.to_code, reason: row.reason,
    effectiveDate: row.effective_date, note: row.note, mendagriApproval: row.mendagri_approval,
    approvedBy: row.approver, recordedAt: row.recorded_at, findings: JSON.parse(row.findings) as Finding[],
    employeeVersion: Number(row.employee_version), version: Number(row.version),
  };
}
