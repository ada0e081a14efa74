/**
 * Seats that are free only if an earlier active proposal goes through (issue 14). The plan fills
 * Kebutuhan − holders after the active proposals (vacancies.ts); where an active proposal (Diajukan, not
 * yet recorded) moves someone *out* of a position, the seat it frees counts as vacant — but on the server
 * it is free only once that proposal is recorded. Pushed before it, the new row comes back
 * `conflict FORMATION_FULL`. Each such move says so on its row ("kursi ini kosong bila U-0057 tercatat
 * lebih dulu"), and the Sinkron pane pushes in that order (addin/services/push-order.ts).
 */
import type { ProposerContext } from './context';
import type { ProposedMove } from './types';
import { W } from './words';

/** Sets `dependsOn` on the moves whose seat only an earlier proposal frees, and says so in their explanation. */
export function markSeatDependencies(c: ProposerContext, moves: ProposedMove[]): void {
  const into = new Map<string, number>();
  const outOf = new Map<string, string[]>();
  for (const o of c.walk.outcomes) {
    if (!o.claimed) continue;
    const pr = o.proposal;
    into.set(pr.toCode, (into.get(pr.toCode) ?? 0) + 1);
    const from = c.idx.employees.get(pr.nip)?.positionCode;
    if (from && from !== pr.toCode) {
      const l = outOf.get(from) ?? [];
      l.push(pr.id);
      outOf.set(from, l);
    }
  }
  const byTarget = new Map<string, ProposedMove[]>();
  for (const m of moves) {
    const l = byTarget.get(m.toCode) ?? [];
    l.push(m);
    byTarget.set(m.toCode, l);
  }
  const w = W[c.lang];
  for (const [code, list] of byTarget) {
    const leaving = outOf.get(code);
    if (!leaving?.length) continue;
    const count = c.counts.get(code);
    if (!count) continue;
    // Seats free whether or not the proposals moving people out go through.
    const free = Math.max(0, count.position.needed - count.holdersToday - (into.get(code) ?? 0));
    list.forEach((m, k) => {
      if (k < free) return;
      const by = leaving[Math.min(k - free, leaving.length - 1)]!;
      m.dependsOn = [by];
      m.explanation += ` ${w.seatDependsOn(by)}`;
    });
  }
}
