/**
 * How the findings of one decision, from the shared rule engine run on the official record, decide
 * its fate (RULES.md severities): any error refuses it — except FORMATION_FULL, which means the seats
 * are taken in the official record, a conflict the workbook resolves by pulling; a warning needs a
 * justification (the note); info never blocks.
 */
import type { Finding } from '../../../shared/rules/types';

export type Judgement =
  | { kind: 'accept'; accepted: Finding[] }
  | { kind: 'conflict'; findings: Finding[] }
  | { kind: 'reject'; findings: Finding[]; message: string };

export function judge(findings: Finding[], note: string): Judgement {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (errors.some((f) => f.rule === 'FORMATION_FULL')) return { kind: 'conflict', findings: errors };
  if (errors.length > 0) {
    return { kind: 'reject', findings: errors, message: `Ditolak: ${errors.map((f) => f.rule).join(', ')} (galat aturan)` };
  }
  if (warnings.length > 0 && note.trim() === '') {
    return {
      kind: 'reject',
      findings: warnings,
      message: `Ditolak: peringatan ${warnings.map((f) => f.rule).join(', ')} tanpa justifikasi di Catatan`,
    };
  }
  return { kind: 'accept', accepted: warnings };
}
