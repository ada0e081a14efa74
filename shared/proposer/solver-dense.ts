/**
 * Dense linear assignment (what scipy.optimize.linear_sum_assignment solves): given an n × m cost
 * matrix, assign every row of the smaller side to a distinct column at minimum total cost. Used by
 * the benchmark against scipy and available to callers with a full cost matrix; the proposer itself
 * uses the sparse solver.
 *
 * Algorithm: shortest augmenting paths with column prices, after Jonker & Volgenant (1987), "A
 * shortest augmenting path algorithm for dense and sparse linear assignment problems":
 *  1. For a square matrix, JV's column reduction (v(j) = column minimum, each column's minimum row
 *     takes it if still free) and reduction transfer assign about 63 % of the rows for two passes
 *     over the matrix. JV's third phase, augmenting row reduction, is left out: measured here, it
 *     costs more than it saves once the augmentation below is fast.
 *  2. Every free row is then assigned by a shortest augmenting path: Dijkstra over columns on a
 *     binary heap, bounded by the nearest free column and pruned with per-row candidate lists (see
 *     `augment`), so most of the matrix is never read again. On structured matrices where that
     pruning fails (most settled columns need a full row scan), the remaining rows switch to the
     plain linear-scan search of scipy's own implementation (`ClassicSearch`), which the heap only
     slows down there.
 * Row duals are implicit, u(i) = min_j c(i,j) − v(j), and every assigned row sits on a column
 * achieving that minimum, so the final assignment is optimal (complementary slackness). A
 * rectangular matrix (n < m; a taller one is transposed) skips phase 1, which assumes a square
 * matrix, and starts from v = 0: prices then only decrease and unassigned columns keep v = 0, the
 * optimality condition of the rectangular problem.
 *
 * Deterministic: equal distances leave the heap by lower column index, the switch is decided by
 * counting scans (never by time), and everything else is a fixed sweep. Floating point: costs are used as given; the result is optimal up to rounding in
 * the sums of prices (relative error of order 1e-12 of the costs' magnitude); integer costs below
 * 2^53 / n are exact.
 */
import { IndexedMinHeap } from './solver-heap';

export interface DenseAssignment {
  /** The column assigned to each row, or -1 (only when there are more rows than columns). */
  rowToCol: Int32Array;
  /** Σ cost of the assigned pairs. */
  total: number;
}

/** Minimum-cost assignment on a row-major n × m cost matrix (cost[i * m + j]). Costs must be finite. */
export function solveDense(nRows: number, nCols: number, cost: Float64Array): DenseAssignment {
  if (!Number.isInteger(nRows) || !Number.isInteger(nCols) || nRows < 0 || nCols < 0) {
    throw new RangeError(`solveDense: bad shape ${nRows} × ${nCols}`);
  }
  if (cost.length !== nRows * nCols) {
    throw new RangeError(`solveDense: cost has ${cost.length} entries, expected ${nRows * nCols}`);
  }
  // x * 0 is 0 for a finite x and NaN for ±Infinity or NaN: one cheap pass, then find the culprit.
  let probe = 0;
  for (let t = 0; t < cost.length; t++) probe += cost[t]! * 0;
  if (probe !== 0) {
    const t = cost.findIndex((x) => !Number.isFinite(x));
    throw new RangeError(`solveDense: cost[${t}] is not finite`);
  }
  const rowToCol = new Int32Array(nRows).fill(-1);
  if (nRows === 0 || nCols === 0) return { rowToCol, total: 0 };

  if (nRows > nCols) {
    // Solve the transpose (every column gets a row) and read it back.
    const t = new Float64Array(cost.length);
    for (let i = 0; i < nRows; i++) for (let j = 0; j < nCols; j++) t[j * nRows + i] = cost[i * nCols + j]!;
    const colToRow = solveWide(nCols, nRows, t);
    for (let j = 0; j < nCols; j++) rowToCol[colToRow[j]!] = j;
  } else {
    rowToCol.set(solveWide(nRows, nCols, cost));
  }
  let total = 0;
  for (let i = 0; i < nRows; i++) if (rowToCol[i]! >= 0) total += cost[i * nCols + rowToCol[i]!]!;
  return { rowToCol, total };
}

/** n ≤ m: returns the column of every row. */
function solveWide(n: number, m: number, c: Float64Array): Int32Array {
  const rowSol = new Int32Array(n).fill(-1);
  const colSol = new Int32Array(m).fill(-1);
  const v = new Float64Array(m);
  let free: Int32Array;
  let nFree: number;
  if (n === m) {
    ({ free, nFree } = initialPhases(n, c, v, rowSol, colSol));
  } else {
    free = new Int32Array(n);
    for (let i = 0; i < n; i++) free[i] = i;
    nFree = n;
  }
  augment(n, m, c, v, rowSol, colSol, free, nFree);
  return rowSol;
}

/** Column reduction and reduction transfer (square matrices only). */
function initialPhases(
  n: number,
  c: Float64Array,
  v: Float64Array,
  rowSol: Int32Array,
  colSol: Int32Array,
): { free: Int32Array; nFree: number } {
  const matches = new Int32Array(n);
  // Column reduction: v(j) = min over rows, found row by row (the matrix is row-major, so this
  // reads it sequentially); ties go to the lowest row, as in JV's column-by-column loop. Then, in
  // reverse column order as JV recommend, each column's minimum row takes it if still unassigned.
  const colMin = new Float64Array(n).fill(Infinity);
  const argMin = new Int32Array(n);
  for (let i = 0, off = 0; i < n; i++, off += n) {
    for (let j = 0; j < n; j++) {
      const h = c[off + j]!;
      if (h < colMin[j]!) {
        colMin[j] = h;
        argMin[j] = i;
      }
    }
  }
  for (let j = n - 1; j >= 0; j--) {
    const iMin = argMin[j]!;
    v[j] = colMin[j]!;
    if (++matches[iMin]! === 1) {
      rowSol[iMin] = j;
      colSol[j] = iMin;
    } else {
      colSol[j] = -1;
    }
  }

  // Reduction transfer: a row assigned once hands its slack to its column, so the column is
  // cheaper to take away from it later.
  const free = new Int32Array(n);
  let nFree = 0;
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free[nFree++] = i;
    } else if (matches[i] === 1) {
      const j1 = rowSol[i]!;
      const off = i * n;
      let min = Infinity;
      for (let j = 0; j < n; j++) {
        if (j === j1) continue;
        const h = c[off + j]! - v[j]!;
        if (h < min) min = h;
      }
      if (min < Infinity) v[j1] = v[j1]! - min;
    }
  }

  return { free, nFree };
}

/** Length of each row's list of cheapest columns (see `augment`). */
const CANDIDATES = 48;

/**
 * Shortest augmenting path from every free row: JV's augmentation phase, organised for large
 * dense matrices. The search is Dijkstra over columns with a binary heap instead of JV's linear
 * scans for the minimum, and two bounds keep most of the matrix unread:
 *
 *  - UB = the smallest distance of a free (unassigned) column seen so far is an upper bound of the
 *    path's length; a column at distance ≥ UB is never settled before the path ends, so it is
 *    neither pushed on the heap nor relaxed further, and the search stops as soon as the heap's
 *    minimum reaches UB (the path then ends at that free column).
 *  - Pruned scans. Settling column j1, held by row i, relaxes every unsettled column j to
 *    (c(i,j) − v(j)) − h. Prices only decrease during this phase, so c(i,j) − v(j) only grows: the
 *    CANDIDATES cheapest columns of row i, listed once (the first time row i is scanned) with
 *    τ(i) = the largest of them, bound every other column of the row from below by τ(i). When
 *    τ(i) − h ≥ UB, no column outside the list can come below UB: only the list is scanned.
 *    Late in the phase most scans are such, and a full scan reads a whole cost row from memory.
 *
 * After the search, settled columns get the JV price update v(j) += d(j) − UB, which keeps every
 * assigned row on a column minimising c(i,·) − v(·); then the path is flipped.
 */
function augment(
  n: number,
  m: number,
  c: Float64Array,
  v: Float64Array,
  rowSol: Int32Array,
  colSol: Int32Array,
  free: Int32Array,
  nFree: number,
): void {
  const d = new Float64Array(m);
  const pred = new Int32Array(m);
  const settled = new Uint8Array(m);
  const settledList = new Int32Array(m);
  const heap = new IndexedMinHeap(m, d);
  const K = Math.min(CANDIDATES, m);
  const lists = new CandidateLists(n, m, K, c);
  let classic: ClassicSearch | null = null;

  for (let f = 0; f < nFree; f++) {
    const freeRow = free[f]!;
    if (classic) {
      classic.augment(freeRow, v, rowSol, colSol);
      continue;
    }
    const fOff = freeRow * m;
    let fullScans = 0;
    let ub = Infinity;
    let endCol = -1;
    for (let j = 0; j < m; j++) {
      const dj = c[fOff + j]! - v[j]!;
      d[j] = dj;
      pred[j] = freeRow;
      if (colSol[j]! < 0 && dj < ub) {
        ub = dj;
        endCol = j;
      }
    }
    for (let j = 0; j < m; j++) if (d[j]! < ub && colSol[j]! >= 0) heap.pushOrDecrease(j);
    let nSettled = 0;
    while (heap.length > 0 && d[heap.peek()]! < ub) {
      const j1 = heap.pop();
      settled[j1] = 1;
      settledList[nSettled++] = j1;
      // Row i holds j1; its other columns are reached through it.
      const i = colSol[j1]!;
      const iOff = i * m;
      const h = c[iOff + j1]! - v[j1]! - d[j1]!;
      if (lists.tau(i, v) - h >= ub) {
        for (let t = i * K, tEnd = t + K; t < tEnd; t++) {
          const j = lists.cols[t]!;
          const v2 = lists.costs[t]! - v[j]! - h;
          if (v2 >= ub || v2 >= d[j]! || settled[j] === 1) continue;
          d[j] = v2;
          pred[j] = i;
          if (colSol[j]! < 0) {
            ub = v2;
            endCol = j;
          } else {
            heap.pushOrDecrease(j);
          }
        }
      } else {
        fullScans++;
        for (let j = 0; j < m; j++) {
          const v2 = c[iOff + j]! - v[j]! - h;
          if (v2 >= ub || v2 >= d[j]! || settled[j] === 1) continue;
          d[j] = v2;
          pred[j] = i;
          if (colSol[j]! < 0) {
            ub = v2;
            endCol = j;
          } else {
            heap.pushOrDecrease(j);
          }
        }
      }
    }
    heap.clear();
    // Prices of the settled columns (all at distance < UB), then reset the marks.
    for (let t = 0; t < nSettled; t++) {
      const j = settledList[t]!;
      v[j] = v[j]! + d[j]! - ub;
      settled[j] = 0;
    }
    // Flip the alternating path.
    for (let j = endCol; ; ) {
      const i = pred[j]!;
      colSol[j] = i;
      const next = rowSol[i]!;
      rowSol[i] = j;
      if (i === freeRow) break;
      j = next;
    }
    // When the candidate lists stop pruning (most settled columns needed a full row scan: structured
    // costs such as c(i,j) = a(i)·b(j), or late searches on a hard instance), the heap only adds
    // overhead to what is a full scan anyway; JV's own linear-scan search is then faster, and as
    // both keep the same prices and assignment the remaining rows can switch to it. The rule counts
    // scans, never time, so the plan stays a function of the input.
    if (nSettled >= 16 && 2 * fullScans > nSettled) classic = new ClassicSearch(m, c);
  }
}

/**
 * The linear-scan shortest augmenting path, in the fused form of scipy's linear_sum_assignment
 * (Crouse 2016, after Jonker & Volgenant): each settled column's row relaxes every column not yet
 * reached and, in the same pass, finds the nearest one, preferring a free column on a tie (the path
 * can end there). O(m) per settled column, no heap. Distances are those of `augment` (the row duals
 * are implicit: an assigned row is tight on its column), and so is the price update, so the two
 * searches can take turns.
 */
class ClassicSearch {
  private readonly d: Float64Array;
  private readonly pred: Int32Array;
  private readonly remaining: Int32Array;
  private readonly reached: Int32Array;

  constructor(
    private readonly m: number,
    private readonly c: Float64Array,
  ) {
    this.d = new Float64Array(m);
    this.pred = new Int32Array(m);
    this.remaining = new Int32Array(m);
    this.reached = new Int32Array(m);
  }

  augment(freeRow: number, v: Float64Array, rowSol: Int32Array, colSol: Int32Array): void {
    const { m, c, d, pred, remaining, reached } = this;
    for (let j = 0; j < m; j++) {
      d[j] = Infinity;
      remaining[j] = j;
    }
    let nRemaining = m;
    let nReached = 0;
    let min = 0;
    let i = freeRow;
    let rowDual = 0; // c(i, its column) − v(its column) for an assigned row; 0 for the free row
    let endCol = -1;
    for (;;) {
      const iOff = i * m;
      const base = min - rowDual;
      let lowest = Infinity;
      let at = -1;
      for (let k = 0; k < nRemaining; k++) {
        const j = remaining[k]!;
        const r = base + c[iOff + j]! - v[j]!;
        let dj = d[j]!;
        if (r < dj) {
          pred[j] = i;
          d[j] = dj = r;
        }
        if (dj < lowest || (dj === lowest && colSol[j]! < 0)) {
          lowest = dj;
          at = k;
        }
      }
      min = lowest;
      const j = remaining[at]!;
      remaining[at] = remaining[--nRemaining]!;
      reached[nReached++] = j;
      if (colSol[j]! < 0) {
        endCol = j;
        break;
      }
      i = colSol[j]!;
      rowDual = c[i * m + j]! - v[j]!;
    }
    // Prices of the reached columns (the end column's is unchanged: its distance is the minimum).
    for (let k = 0; k < nReached; k++) {
      const j = reached[k]!;
      v[j] = v[j]! + d[j]! - min;
    }
    for (let j = endCol; ; ) {
      const r = pred[j]!;
      colSol[j] = r;
      const next = rowSol[r]!;
      rowSol[r] = j;
      if (r === freeRow) break;
      j = next;
    }
  }
}

/**
 * Per row, its K cheapest columns by c(i,j) − v(j) at the time of listing, and τ(i) = the largest
 * of those values: a lower bound of c(i,j) − v(j) for every column not listed, now and later
 * (prices only decrease). Listed on first use; τ = +∞ when the list holds the whole row.
 */
class CandidateLists {
  readonly cols: Int32Array;
  /** c(i, cols[t]), copied so that a pruned scan reads two small arrays, not a scattered row. */
  readonly costs: Float64Array;
  private readonly bound: Float64Array;
  private readonly listed: Uint8Array;
  private readonly heapVal: Float64Array;
  private readonly heapCol: Int32Array;

  constructor(
    n: number,
    private readonly m: number,
    private readonly k: number,
    private readonly c: Float64Array,
  ) {
    this.cols = new Int32Array(n * k);
    this.costs = new Float64Array(n * k);
    this.bound = new Float64Array(n);
    this.listed = new Uint8Array(n);
    this.heapVal = new Float64Array(k);
    this.heapCol = new Int32Array(k);
  }

  tau(i: number, v: Float64Array): number {
    if (this.listed[i] === 0) this.list(i, v);
    return this.bound[i]!;
  }

  /** One pass over row i keeping the K smallest values in a max-heap. */
  private list(i: number, v: Float64Array): void {
    const { m, k, c, heapVal, heapCol } = this;
    const off = i * m;
    for (let j = 0; j < k; j++) {
      heapVal[j] = c[off + j]! - v[j]!;
      heapCol[j] = j;
    }
    for (let t = (k >> 1) - 1; t >= 0; t--) siftDownMax(heapVal, heapCol, k, t);
    let top = heapVal[0]!;
    for (let j = k; j < m; j++) {
      const x = c[off + j]! - v[j]!;
      if (x < top) {
        heapVal[0] = x;
        heapCol[0] = j;
        siftDownMax(heapVal, heapCol, k, 0);
        top = heapVal[0]!;
      }
    }
    this.cols.set(heapCol, i * k);
    for (let t = 0; t < k; t++) this.costs[i * k + t] = c[off + heapCol[t]!]!;
    this.bound[i] = k === m ? Infinity : top;
    this.listed[i] = 1;
  }
}

function siftDownMax(val: Float64Array, col: Int32Array, size: number, at: number): void {
  const x = val[at]!;
  const cx = col[at]!;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && val[child + 1]! > val[child]!) child++;
    if (val[child]! <= x) break;
    val[at] = val[child]!;
    col[at] = col[child]!;
    at = child;
  }
  val[at] = x;
  col[at] = cx;
}
