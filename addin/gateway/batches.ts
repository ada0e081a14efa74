/**
 * Splitting host requests so that each stays under the host's payload limit. Excel on the web refuses
 * a request or response over 5 MB with RequestPayloadSizeLimitExceeded; desktop Excel has no such limit.
 * So the gateway starts with everything in one request (one sync) and, only when the host refuses,
 * halves the budget and re-sends the refused part in smaller pieces. The number of round trips thus
 * depends on the payload the host accepts, never on a row count chosen here.
 */

export interface BatchPlan<T> {
  /** Cells per request; Infinity = all in one. */
  budget: number;
  /** The cell count of one item (what the payload grows with). */
  weight(item: T): number;
  /** Cuts one item into pieces of at most `max` cells (at least one row each). */
  split(item: T, max: number): T[];
  /** Queues the items' host operations and syncs once. */
  exec(batch: T[]): Promise<void>;
}

export function isPayloadLimitError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (code === 'RequestPayloadSizeLimitExceeded') return true;
  return typeof message === 'string' && /RequestPayloadSizeLimitExceeded|payload size/i.test(message);
}

/** Greedy packing of items, in order, into batches of at most `budget` cells. */
export function pack<T>(items: T[], budget: number, weight: (t: T) => number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let w = 0;
  for (const it of items) {
    const iw = weight(it);
    if (cur.length > 0 && w + iw > budget) {
      out.push(cur);
      cur = [];
      w = 0;
    }
    cur.push(it);
    w += iw;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/**
 * Runs all items through `exec`, shrinking on payload-limit errors. Returns the budget that worked, so
 * the caller can start the next action with it instead of failing again.
 */
export async function runInBatches<T>(items: T[], plan: BatchPlan<T>): Promise<number> {
  let budget = plan.budget;
  const split = (list: T[]) => (Number.isFinite(budget) ? list.flatMap((it) => plan.split(it, budget)) : list);
  const queue = pack(split(items), budget, plan.weight);
  while (queue.length > 0) {
    const batch = queue.shift()!;
    try {
      await plan.exec(batch);
    } catch (e) {
      if (!isPayloadLimitError(e)) throw e;
      const cells = batch.reduce((s, it) => s + plan.weight(it), 0);
      const pieces = batch.flatMap((it) => plan.split(it, Math.max(1, Math.floor(cells / 2))));
      // A single one-row piece the host still refuses cannot be made smaller: give up with the host's error.
      if (batch.length === 1 && pieces.length === 1) throw e;
      budget = Math.max(1, Math.floor(cells / 2));
      queue.unshift(...pack(pieces, budget, plan.weight));
    }
  }
  return budget;
}

/** Rows [0, rows) cut into consecutive [start, count) pieces of at most maxRows rows. */
export function rowPieces(rows: number, maxRows: number): [number, number][] {
  const step = Math.max(1, Math.floor(maxRows));
  const out: [number, number][] = [];
  for (let s = 0; s < rows; s += step) out.push([s, Math.min(step, rows - s)]);
  return out;
}
