/**
 * The order in which approved decisions go to the server (issue 14). A decision into a position whose
 * seat another decision frees (that one moves someone *out* of it) goes after it: pushed first it would
 * come back `conflict FORMATION_FULL`, as the plan's row says ("kursi ini kosong bila U-0057 tercatat
 * lebih dulu"). Otherwise the order stays as it was (row order, queue order); a cycle (two people
 * swapping full seats) gets some order, since none helps it.
 */
import type { QueuedDecision } from './local';

type Move = Pick<QueuedDecision, 'fromPositionCode' | 'toPositionCode'>;

/** Sorts in place (stable) so that every decision comes after those that free its target seat. */
export function orderForPush<T extends Move>(queue: T[]): T[] {
  const n = queue.length;
  const freers = new Map<string, number[]>();
  queue.forEach((d, i) => {
    if (!d.fromPositionCode || d.fromPositionCode === d.toPositionCode) return;
    const l = freers.get(d.fromPositionCode) ?? [];
    l.push(i);
    freers.set(d.fromPositionCode, l);
  });
  if (freers.size === 0) return queue;
  const out: T[] = [];
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 placed
  const place = (i: number): void => {
    if (state[i] !== 0) return; // placed, or a cycle: keep the order reached
    state[i] = 1;
    for (const j of freers.get(queue[i]!.toPositionCode) ?? []) if (j !== i) place(j);
    state[i] = 2;
    out.push(queue[i]!);
  };
  for (let i = 0; i < n; i++) place(i);
  for (let i = 0; i < n; i++) queue[i] = out[i]!;
  return queue;
}
