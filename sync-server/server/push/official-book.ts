/**
 * The Book the rules run on for one pushed decision, built from the official record (never from the
 * workbook's copy): the employee as recorded, the two positions, today's holders counted in SQL, the
 * agency's parameters stored at import, and the decision itself as one approved proposal.
 */
import type { Proposal, Settings } from '../../../shared/model';
import type { Book, Finding } from '../../../shared/rules/types';
import { PROPOSAL_REASONS, type ProposalReason } from '../../../shared/domain';
import { canonicalLayout } from '../../../shared/workbook/layout';
import { parseDateText } from '../../../shared/values/dates';
import { employeeModel, positionModel, type EmployeeRecord, type PositionRecord } from '../../db/records';
import type { DecisionInput } from './types';

export interface OfficialState {
  employee: EmployeeRecord;
  from: PositionRecord | null;
  to: PositionRecord;
  holders: Map<string, number>;
  settings: Settings;
  approvedBy: string;
}

/** The proposal's worksheet row in the canonical layout: findings about it point there. */
export const PROPOSAL_ROW = 2;

export function officialBook(s: OfficialState, d: DecisionInput): Book {
  const proposal: Proposal = {
    row: PROPOSAL_ROW,
    id: d.proposalId,
    nip: d.nip,
    toCode: d.toPositionCode,
    reason: (PROPOSAL_REASONS as readonly string[]).includes(d.reason) ? (d.reason as ProposalReason) : null,
    effectiveDate: parseDateText(d.effectiveDate),
    status: 'Disetujui',
    note: d.note,
    mendagriApproval: d.mendagriApproval ?? '',
    recordNo: '',
    approvedBy: s.approvedBy,
  };
  const positions = [positionModel(s.to, 2)];
  if (s.from && s.from.code !== s.to.code) positions.push(positionModel(s.from, 3));
  return {
    employees: [employeeModel(s.employee, 2)],
    positions,
    proposals: [proposal],
    settings: s.settings,
    layout: canonicalLayout(),
    holderCounts: s.holders,
  };
}

/** The findings about the proposal itself (not the data rules on the employee's or positions' rows). */
export function proposalFindings(book: Book, findings: Finding[]): Finding[] {
  return findings.filter((f) => f.sheet === book.layout.usulan.name && f.row === PROPOSAL_ROW);
}
