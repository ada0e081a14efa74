/**
 * The one place the server calls the shared rule engine for a pushed decision.
 * TEMPORARY until shared/engine.ts lands: no rule findings (structural checks — unknown employee or
 * position, same position, stale version, full formation — are done by the server itself).
 */
import type { Book, CheckResult } from '../../../shared/rules/types';

export function evaluateOfficial(book: Book): CheckResult {
  return {
    asOf: '',
    counts: { employees: book.employees.length, positions: book.positions.length, proposals: book.proposals.length, error: 0, warning: 0, info: 0 },
    findings: [],
    proposals: [],
    units: [],
  };
}
