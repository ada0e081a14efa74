/** What a workbook pushes (one approved Usulan row) and what it gets back, per decision (SYNC-API.md). */
import type { Finding } from '../../../shared/rules/types';
import type { EmployeeRecord } from '../../db/records';

export interface DecisionInput {
  mutationId: string;
  proposalId: string;
  nip: string;
  fromPositionCode: string;
  toPositionCode: string;
  reason: string;
  effectiveDate: string;
  note: string;
  mendagriApproval: string | null;
  baseVersion: number;
  /** The proposer's explanation (Hasil Pemeriksaan as `propose` wrote it), when the workbook has it. */
  explanation?: string;
}

export interface PositionState {
  code: string;
  unit: string;
  needed: number;
  holders: number;
}

export type ConflictReason = 'VERSION_STALE' | 'POSITION_CHANGED' | 'FORMATION_FULL';

export type PushResult =
  // approvedBy (added): the approver's name as recorded, so a client needs no extra GET after a push.
  | { mutationId: string; status: 'recorded'; recordNo: string; version: number; findings: Finding[]; approvedBy: string }
  | { mutationId: string; status: 'duplicate'; recordNo: string; version: number; findings: Finding[]; recordedAt: string; approvedBy: string }
  | {
      mutationId: string;
      status: 'conflict';
      reason: ConflictReason;
      message: string;
      current: { employee: EmployeeRecord; position: PositionState };
      findings: Finding[];
    }
  | { mutationId: string; status: 'rejected'; message: string; findings: Finding[] };
