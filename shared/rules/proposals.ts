/**
 * Walks the active proposals in row order (the order in which they claim vacancies, WORKBOOK.md):
 * unknown people and positions, same position, one open proposal per person, the transfer rules of
 * each move, and FORMATION_FULL with a count per position that starts at today's holders.
 */
import { isActiveStatus } from '../domain';
import type { Proposal } from '../model';
import type { FindingSink } from './emit';
import type { RosterIndex } from './roster';
import { createMoveContext, evaluateMove } from './transfer';
import type { Book } from './types';
import { positionUnknownParams } from '../workbook/positions';

export interface ProposalOutcome {
  proposal: Proposal;
  active: boolean;
  jpm: number | null;
  /** Whether it claimed its seat (target + 1, origin − 1). */
  claimed: boolean;
}

export interface WalkResult {
  outcomes: ProposalOutcome[];
  /** Holders per position after the active proposals that claimed a seat. */
  after: Map<string, number>;
}

export function walkProposals(book: Book, idx: RosterIndex, sink: FindingSink): WalkResult {
  const ctx = createMoveContext(book.settings, idx.positions.values());
  const after = new Map(idx.holders);
  const claims = new Map<string, string[]>();
  const firstProposal = new Map<string, Proposal>();
  const outcomes: ProposalOutcome[] = [];
  const ordered = [...book.proposals].sort((a, b) => a.row - b.row);

  for (const pr of ordered) {
    if (!isActiveStatus(pr.status)) {
      outcomes.push({ proposal: pr, active: false, jpm: null, claimed: false });
      continue;
    }
    const outcome: ProposalOutcome = { proposal: pr, active: true, jpm: null, claimed: false };
    outcomes.push(outcome);
    const subject = pr.nip || pr.id;
    const e = pr.nip ? idx.employees.get(pr.nip) : undefined;
    const p = pr.toCode ? idx.positions.get(pr.toCode) : undefined;
    if (pr.nip && !e) sink.at('usulan', pr.row, 'nip', 'EMPLOYEE_UNKNOWN', 'error', subject, { nip: pr.nip, sheet: book.layout.pegawai.name });
    if (pr.toCode && !p) sink.at('usulan', pr.row, 'toCode', 'POSITION_UNKNOWN', 'error', subject, positionUnknownParams(book, pr.toCode, pr.toUnit));
    // One open proposal per person: any earlier active row of this employee counts, whatever its own
    // findings (an unknown or empty target, the same position), and so does this row's.
    const earlier = e ? firstProposal.get(e.nip) : undefined;
    if (e && earlier) sink.at('usulan', pr.row, 'nip', 'PROPOSAL_DUPLICATE', 'error', subject, { nip: e.nip, firstRow: earlier.row, firstId: earlier.id });
    else if (e) firstProposal.set(e.nip, pr);
    if (!e || !p) continue;

    if (e.positionCode === p.code) {
      sink.at('usulan', pr.row, 'toCode', 'SAME_POSITION', 'error', subject, { code: p.code });
      continue;
    }

    const date = pr.effectiveDate ?? book.settings.asOf;
    const move = evaluateMove(ctx, e, p, { date, reason: pr.reason, mendagriApproval: pr.mendagriApproval });
    outcome.jpm = move.jpm;
    for (const f of move.findings) sink.at('usulan', pr.row, f.field, f.rule, f.severity, subject, f.params);

    if (earlier) continue;
    const count = after.get(p.code) ?? 0;
    if (count + 1 > p.needed) {
      const before = claims.get(p.code) ?? [];
      sink.at('usulan', pr.row, 'toCode', 'FORMATION_FULL', 'error', subject, {
        code: p.code, needed: p.needed, count, holders: idx.holders.get(p.code) ?? 0, claims: before.join(', '),
      });
      continue;
    }
    after.set(p.code, count + 1);
    if (e.positionCode && idx.positions.has(e.positionCode)) after.set(e.positionCode, (after.get(e.positionCode) ?? 0) - 1);
    const list = claims.get(p.code) ?? [];
    list.push(pr.id);
    claims.set(p.code, list);
    outcome.claimed = true;
  }
  return { outcomes, after };
}
