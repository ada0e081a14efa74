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
  /** SIASN's id of the person (migration 0006, column siasn_pns_id); absent when not known. */
  pnsId?: string;
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
  /**
   * Jabatan Kritikal = Ya (WORKBOOK.md `critical`): kept in `profile`, and only when true, so a post
   * without it has the same row (and audit digest) as before the record kept it. Absent = Tidak.
   */
  critical?: true;
  /** SIASN reference ids (migration 0006, columns siasn_*); absent when not known. */
  unorId?: string;
  jabatanFungsionalId?: string;
  jabatanFungsionalUmumId?: string;
  eselonId?: string;
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
  /**
   * The proposer's explanation (migration 0007), only when the push carried one: a decision without it
   * reads (and its audit digest is) exactly as before.
   */
  explanation?: string;
}

const dayIso = (d: Day | null): string | null => (d === null ? null : isoDate(d));
const isoDay = (s: string | null): Day | null => (s ? parseDateText(s) : null);

// ---- employees ----
type EmployeeProfile = Omit<EmployeeRecord, 'nip' | 'name' | 'positionCode' | 'positionStart' | 'version' | 'pnsId'>;

export interface EmployeeRow {
  nip: string;
  name: string;
  position_code: string;
  position_start: string | null;
  profile: string;
  version: number;
  /** Migration 0006; absent on a row read from a database before it. */
  siasn_pns_id?: string | null;
}

/** SIASN ids: a column each (migration 0006), null when unknown; in records only when known. */
const POSITION_IDS = [
  ['unorId', 'siasn_unor_id'],
  ['jabatanFungsionalId', 'siasn_jf_id'],
  ['jabatanFungsionalUmumId', 'siasn_jfu_id'],
  ['eselonId', 'siasn_eselon_id'],
] as const;
const idOf = (v: string | null | undefined): string | undefined => (v ? String(v) : undefined);
const known = <T extends Record<string, string | undefined>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

export function employeeRecordFromModel(e: Employee, version: number): EmployeeRecord {
  return {
    nip: e.nip, name: e.name, status: e.status, rank: e.rank, positionCode: e.positionCode,
    positionStart: dayIso(e.positionStart), birthDate: dayIso(e.birthDate), educationLevel: e.educationLevel,
    educationMajor: e.educationMajor, skpLast: e.skpLast, skpBefore: e.skpBefore, potential: e.potential,
    discipline: e.discipline, disciplineUntil: dayIso(e.disciplineUntil), trainings: e.trainings,
    preferences: e.preferences, competencies: e.competencies, ...known({ pnsId: e.pnsId }), version,
  };
}

export function employeeToRow(r: EmployeeRecord): EmployeeRow {
  const { nip, name, positionCode, positionStart, version, pnsId, ...profile } = r;
  // The id column only when there is an id: a row without one writes the same columns as before
  // migration 0006 (clearing an id that was removed is saveRoster's, via clearedIds).
  return { nip, name, position_code: positionCode, position_start: positionStart, profile: JSON.stringify(profile), version, ...(pnsId ? { siasn_pns_id: pnsId } : {}) };
}

export function employeeFromRow(row: EmployeeRow): EmployeeRecord {
  const profile = JSON.parse(row.profile) as EmployeeProfile;
  return {
    nip: row.nip, name: row.name, positionCode: row.position_code, positionStart: row.position_start,
    ...profile, ...known({ pnsId: idOf(row.siasn_pns_id) }), version: Number(row.version),
  } as EmployeeRecord;
}

export function employeeModel(r: EmployeeRecord, row = 2): Employee {
  return {
    row, nip: r.nip, name: r.name, status: r.status, rank: r.rank, positionCode: r.positionCode,
    positionStart: isoDay(r.positionStart), birthDate: isoDay(r.birthDate), educationLevel: r.educationLevel,
    educationMajor: r.educationMajor, skpLast: r.skpLast, skpBefore: r.skpBefore, potential: r.potential,
    discipline: r.discipline, disciplineUntil: isoDay(r.disciplineUntil), trainings: r.trainings,
    preferences: r.preferences, competencies: r.competencies, ...known({ pnsId: r.pnsId }),
  };
}

// ---- positions ----
type PositionProfile = Omit<PositionRecord, 'code' | 'name' | 'unit' | 'needed' | 'version' | (typeof POSITION_IDS)[number][0]>;

export interface PositionRow {
  code: string;
  name: string;
  unit: string;
  needed: number;
  profile: string;
  version: number;
  /** Migration 0006; absent on a row read from a database before it. */
  siasn_unor_id?: string | null;
  siasn_jf_id?: string | null;
  siasn_jfu_id?: string | null;
  siasn_eselon_id?: string | null;
}

const positionIds = (p: Pick<PositionRecord, (typeof POSITION_IDS)[number][0]>) =>
  known({ unorId: p.unorId, jabatanFungsionalId: p.jabatanFungsionalId, jabatanFungsionalUmumId: p.jabatanFungsionalUmumId, eselonId: p.eselonId });

export function positionRecordFromModel(p: Position, version: number): PositionRecord {
  return {
    code: p.code, name: p.name, type: p.type, level: p.level, unit: p.unit, class: p.class, needed: p.needed,
    minRank: p.minRank, maxRank: p.maxRank, minEducation: p.minEducation, majors: p.majors,
    requiredTrainings: p.requiredTrainings, standards: p.standards, ...(p.critical === true ? { critical: true as const } : {}), ...positionIds(p), version,
  };
}

export function positionToRow(r: PositionRecord): PositionRow {
  const { code, name, unit, needed, version, unorId, jabatanFungsionalId, jabatanFungsionalUmumId, eselonId, ...profile } = r;
  const ids = { unorId, jabatanFungsionalId, jabatanFungsionalUmumId, eselonId };
  const row: PositionRow = { code, name, unit, needed, profile: JSON.stringify(profile), version };
  for (const [field, column] of POSITION_IDS) if (ids[field]) row[column] = ids[field];
  return row;
}

/**
 * The SIASN id columns to set to null because `next` no longer has an id `old` had (toRow writes only
 * the ids there are). Empty when nothing was removed.
 */
export function clearedIds(old: EmployeeRecord | PositionRecord | undefined, next: EmployeeRecord | PositionRecord): Record<string, null> {
  const out: Record<string, null> = {};
  if (!old) return out;
  const pairs: readonly (readonly [string, string])[] = 'nip' in next ? [['pnsId', 'siasn_pns_id']] : POSITION_IDS;
  const o = old as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  for (const [field, column] of pairs) if (o[field] && !n[field]) out[column] = null;
  return out;
}

export function positionFromRow(row: PositionRow): PositionRecord {
  const profile = JSON.parse(row.profile) as PositionProfile;
  const ids = positionIds({
    unorId: idOf(row.siasn_unor_id), jabatanFungsionalId: idOf(row.siasn_jf_id),
    jabatanFungsionalUmumId: idOf(row.siasn_jfu_id), eselonId: idOf(row.siasn_eselon_id),
  });
  return { code: row.code, name: row.name, unit: row.unit, needed: Number(row.needed), ...profile, ...ids, version: Number(row.version) };
}

export function positionModel(r: PositionRecord, row = 2): Position {
  return {
    row, code: r.code, name: r.name, type: r.type, level: r.level, unit: r.unit, class: r.class, needed: r.needed,
    minRank: r.minRank, maxRank: r.maxRank, minEducation: r.minEducation, majors: r.majors,
    requiredTrainings: r.requiredTrainings, standards: r.standards, ...(r.critical === true ? { critical: true } : {}), ...positionIds(r),
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
  /** Migration 0007; null when the push carried none. */
  explanation?: string | null;
}

export function decisionToRow(d: DecisionRecord, tokenId: number): DecisionRow {
  return {
    record_no: d.recordNo, mutation_id: d.mutationId, workbook_id: d.workbookId, proposal_id: d.proposalId,
    nip: d.nip, from_code: d.fromPositionCode, to_code: d.toPositionCode, reason: d.reason,
    effective_date: d.effectiveDate, note: d.note, mendagri_approval: d.mendagriApproval, approver: d.approvedBy,
    token_id: tokenId, recorded_at: d.recordedAt, findings: JSON.stringify(d.findings),
    employee_version: d.employeeVersion, version: d.version, ...(d.explanation ? { explanation: d.explanation } : {}),
  };
}

export function decisionFromRow(row: DecisionRow): DecisionRecord {
  return {
    recordNo: row.record_no, mutationId: row.mutation_id, workbookId: row.workbook_id, proposalId: row.proposal_id,
    nip: row.nip, fromPositionCode: row.from_code, toPositionCode: row.to_code, reason: row.reason,
    effectiveDate: row.effective_date, note: row.note, mendagriApproval: row.mendagri_approval,
    approvedBy: row.approver, recordedAt: row.recorded_at, findings: JSON.parse(row.findings) as Finding[],
    employeeVersion: Number(row.employee_version), version: Number(row.version),
    ...(row.explanation ? { explanation: row.explanation } : {}),
  };
}
