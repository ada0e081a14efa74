/**
 * Seats the plan may fill: Kebutuhan − holders after the active proposals (RULES.md). The count after
 * the proposals is the one `check` uses for FORMATION_FULL (walkProposals' `after`), so a plan that
 * fills at most these seats, written below the existing rows, never makes a row FORMATION_FULL.
 * Seats the plan itself opens (people moving out) are not refilled in the same run: the user proposes
 * again for those, once the first moves are decided.
 */
import type { Position } from '../model';

export interface PositionCount {
  position: Position;
  holdersToday: number;
  /** Holders after the active proposals that claim a seat. */
  holdersAfter: number;
  /** max(0, Kebutuhan − holdersAfter). */
  vacant: number;
}

export function countVacancies(positions: Iterable<Position>, today: Map<string, number>, after: Map<string, number>): Map<string, PositionCount> {
  const out = new Map<string, PositionCount>();
  for (const p of positions) {
    const holdersAfter = after.get(p.code) ?? 0;
    out.set(p.code, { position: p, holdersToday: today.get(p.code) ?? 0, holdersAfter, vacant: Math.max(0, p.needed - holdersAfter) });
  }
  return out;
}

/**
 * Whether moving one person out of `code` leaves the position with fewer people than it needs, i.e. it
 * does not hold more people than its Kebutuhan after the active proposals: the condition of the
 * new-vacancy penalty. An unknown position (not in Jabatan) opens nothing anyone could fill.
 */
export function opensVacancy(counts: Map<string, PositionCount>, code: string): boolean {
  const c = counts.get(code);
  return c !== undefined && c.holdersAfter <= c.position.needed;
}
