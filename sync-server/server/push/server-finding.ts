/** Findings the server makes itself, before the rules can run (nothing to run them on), in the engine's shape. */
import type { Finding, RuleId } from '../../../shared/rules/types';
import { a1 } from '../../../shared/workbook/gateway';
import { canonicalLayout } from '../../../shared/workbook/layout';
import { PROPOSAL_ROW } from './official-book';

const USULAN = canonicalLayout().usulan;

export function serverFinding(rule: RuleId, field: 'nip' | 'toCode' | 'effectiveDate', subject: string, message: string): Finding {
  const col = USULAN.columns[field]!;
  return {
    rule, severity: 'error', sheet: USULAN.name, row: PROPOSAL_ROW, column: col.header,
    cell: a1(PROPOSAL_ROW, col.col), subject, message,
  };
}
