/**
 * The proposer's exact optimiser: which person takes which vacant seat.
 *
 * ## The problem
 * People are rows, positions are columns. Column j has `capacity[j]` ≥ 0 vacant seats. The pairs a
 * person may move to are given sparsely (most pairs are ineligible) with a score each, as CSR:
 * row i's pairs are `rowStart[i] ≤ e < rowStart[i+1]`, going to column `col[e]` with `score[e]`.
 * Find the set of pairs with the largest total score such that every person is in at most one pair
 * and every position in at most `capacity` pairs. That is the plan of RULES.md "Proposal score":
 * it "maximises the total score over all moves".
 *
 *  - Nobody has to move and no seat has to be filled: a seat that no eligible person can take, or
 *    that only people with a better use can take, stays empty. The solver never fails.
 *  - A pair with score ≤ 0 (or NaN) is never chosen: adding it cannot raise the total, and a move
 *    that gains nothing is not worth the disruption. (A caller that wants "fill as many seats as
 *    possible, then the best total" adds a bonus B to every score, B larger than any possible
 *    difference in total score — e.g. B > (number of seats + 1) × (max score − min score) — so one
 *    more filled seat always outweighs the rest; the benchmark uses that to solve scipy's problem.)
 *  - Pairs listed twice act as one pair with the higher score.
 *
 * ## The algorithm
 * Min-cost flow by successive shortest augmenting paths with node potentials (the primal–dual
 * method; Jonker & Volgenant's shortest augmenting path specialised to sparse graphs with
 * capacities, as in their LAPJVsp), see solver-sparse.ts:
 *  - The side with fewer units is the "left" side we augment from, one unit at a time: positions
 *    (units = seats, capped by the number of eligible people) or people (units = people with at
 *    least one eligible pair). The CSR is transposed once when the other orientation is needed.
 *  - Each unit runs one Dijkstra search (binary heap, reduced costs ≥ 0 thanks to the potentials)
 *    for the cheapest way to place it: directly, by displacing someone who is re-placed in turn
 *    (a chain of moves), or by not placing it at all (cost 0: the seat stays empty / the person stays).
 *  - Capacities are native: a position is one node with k slots, not k copies, so a position with
 *    many seats costs nothing extra per search.
 * Exactness: by the successive-shortest-path theorem, after the k-th unit the flow is a min-cost
 * flow for the first k units of supply; with the "nobody" edges every unit is always placeable, so
 * at the end the total score is the maximum over all plans. Complexity: one Dijkstra per unit,
 * O(U · (E + V) log V) in the worst case; in practice each search settles a handful of nodes.
 *
 * ## Determinism
 * The result is a function of the input arrays alone (no hashing, no randomness, no time): units
 * are placed in index order, the heap breaks equal distances by the lower node id, and among ends
 * of equal length the first one found wins. When several plans have the same total, which one is
 * returned therefore depends on the order of rows, columns and pairs — the caller should build the
 * arrays in a canonical order (e.g. by NIP and position code) for the plan to be reproducible.
 *
 * ## Floating point
 * Scores are used as given (float64). The potentials are sums and differences of scores, so the
 * returned plan is optimal up to rounding: its total is within about 1e-12 × (number of units) ×
 * (largest score) of the true optimum, far below any meaningful score difference (scores have a few
 * decimals). Integer scores (or scores scaled to integers) below 2^53 / (number of nodes) make the
 * solve exact. `total` is recomputed from the chosen pairs' scores, in row order.
 *
 * The dense solver (`solveDense`, the problem of scipy's linear_sum_assignment) is in
 * solver-dense.ts and re-exported here, as is `PairsBuilder` (solver-pairs.ts), which collects pairs
 * in any order (e.g. vacancy by vacancy) into the CSR arrays taken here.
 *
 * Pure TypeScript, no Node or DOM APIs: it runs in the add-in's task pane as well as in the CLI.
 */
import { solveCore, type CoreProblem } from './solver-sparse';

export { solveDense, type DenseAssignment } from './solver-dense';
export { PairsBuilder } from './solver-pairs';

/** Eligibility given person by person (row-major CSR). */
export interface AssignmentProblem {
  /** People. */
  nRows: number;
  /** Positions. */
  nCols: number;
  /** Vacant seats per position (length nCols, integers ≥ 0). */
  capacity: Int32Array;
  /** Length nRows + 1, non-decreasing, rowStart[0] = 0. */
  rowStart: Int32Array;
  /** Column of each pair (length rowStart[nRows]). */
  col: Int32Array;
  /** Score of each pair (same length as col). */
  score: Float64Array;
  /** See ColumnMajorProblem.reorder. */
  reorder?: boolean;
}

/** Eligibility given position by position (column-major CSR): the same problem, transposed input. */
export interface ColumnMajorProblem {
  nRows: number;
  nCols: number;
  capacity: Int32Array;
  /** Length nCols + 1: column j's pairs are colStart[j] ≤ e < colStart[j+1]. */
  colStart: Int32Array;
  /** Row of each pair. */
  row: Int32Array;
  score: Float64Array;
  /**
   * Allows the solver to reorder each position's pairs in place (by descending score, stable among
   * equal scores; the arrays stay a CSR of the same pairs and rowToEdge refers to the new order).
   * Saves a copy the size of the re-scanned lists (solver-sparse.ts, ScoreOrder); for callers that
   * own their arrays, like the proposer.
   */
  reorder?: boolean;
}

export interface Assignment {
  /** The position each person takes, or -1. */
  rowToCol: Int32Array;
  /** Index (into the input's pair arrays) of each person's chosen pair, or -1. */
  rowToEdge: Int32Array;
  /** Seats filled per position (≤ capacity). */
  filled: Int32Array;
  /** Number of people placed. */
  placed: number;
  /** Σ score of the chosen pairs. */
  total: number;
}

/** Maximum-score assignment, eligibility given person by person. */
export function solveAssignment(p: AssignmentProblem): Assignment {
  checkShape('solveAssignment', p.nRows, p.nCols, p.capacity, p.rowStart, p.col, p.score);
  return solveEither(p.nRows, p.nCols, p.capacity, p.rowStart, p.col, p.score, true, p.reorder === true);
}

/** Maximum-score assignment, eligibility given position by position. */
export function solveAssignmentByColumn(p: ColumnMajorProblem): Assignment {
  checkShape('solveAssignmentByColumn', p.nCols, p.nRows, p.capacity, p.colStart, p.row, p.score);
  return solveEither(p.nRows, p.nCols, p.capacity, p.colStart, p.row, p.score, false, p.reorder === true);
}

/**
 * `start/adj/score` is a CSR over the major side (people when `byRow`, else positions). One pass
 * over the pairs checks them and counts what the choice of side needs; then the side with fewer
 * units becomes the left side of the flow (transposing if needed), and the result is mapped back.
 * On large inputs the solve is bound by memory traffic over the pairs, hence the single pass.
 */
function solveEither(
  nRows: number,
  nCols: number,
  capacity: Int32Array,
  start: Int32Array,
  adj: Int32Array,
  score: Float64Array,
  byRow: boolean,
  reorder: boolean,
): Assignment {
  const nMajor = byRow ? nRows : nCols;
  const nMinor = byRow ? nCols : nRows;
  const { rowDegree, colDegree, majorBest } = countUsable(nRows, nCols, capacity, start, adj, score, byRow);

  // Units: a position cannot fill more seats than it has eligible people.
  const seats = new Int32Array(nCols);
  let seatUnits = 0;
  for (let j = 0; j < nCols; j++) seatUnits += seats[j] = Math.min(capacity[j]!, colDegree[j]!);
  const people = new Int32Array(nRows);
  let personUnits = 0;
  for (let i = 0; i < nRows; i++) personUnits += people[i] = rowDegree[i]! > 0 ? 1 : 0;

  const leftIsCols = seatUnits < personUnits;
  const supply = leftIsCols ? seats : people;
  const rightCapacity = leftIsCols ? people : seats;
  let core: CoreProblem;
  const transposed = leftIsCols === byRow;
  if (!transposed) {
    core = { nLeft: nMajor, nRight: nMinor, supply, capacity: rightCapacity, start, adj, score, leftBest: majorBest, owned: reorder };
  } else {
    const t = transposeUsable(nMajor, nMinor, capacity, start, adj, score, byRow, byRow ? colDegree : rowDegree);
    core = { nLeft: nMinor, nRight: nMajor, supply, capacity: rightCapacity, ...t, owned: true };
  }
  const r = solveCore(core);

  const rowToCol = new Int32Array(nRows).fill(-1);
  const rowToEdge = new Int32Array(nRows).fill(-1);
  const filled = new Int32Array(nCols);
  for (let right = 0; right < core.nRight; right++) {
    for (let k = r.slotStart[right]!, end = k + r.load[right]!; k < end; k++) {
      const left = r.slotLeft[k]!;
      const row = leftIsCols ? right : left;
      const c = leftIsCols ? left : right;
      rowToCol[row] = c;
      rowToEdge[row] = transposed ? inputEdge(start, adj, score, right, left, core.score[r.slotEdge[k]!]!) : r.slotEdge[k]!;
      filled[c] = filled[c]! + 1;
    }
  }
  let total = 0;
  let placed = 0;
  for (let i = 0; i < nRows; i++) {
    if (rowToEdge[i]! < 0) continue;
    total += score[rowToEdge[i]!]!;
    placed++;
  }
  return { rowToCol, rowToEdge, filled, placed, total };
}

/**
 * The input pair behind a pair of the transposed CSR: the first of major node `a`'s pairs to minor
 * node `b` with that score (a pair listed twice with the same score is one pair to the plan). Looked
 * up for the chosen pairs only, which spares the transpose an origin array over all pairs.
 */
function inputEdge(start: Int32Array, adj: Int32Array, score: Float64Array, a: number, b: number, s: number): number {
  for (let e = start[a]!, end = start[a + 1]!; e < end; e++) if (adj[e] === b && score[e] === s) return e;
  throw new Error('solver: chosen pair not found in the input (internal error)');
}

/**
 * The one pass over the pairs: rejects out-of-range indices and +∞ scores, counts the usable pairs
 * (score > 0, position with a seat) of every person and position, and keeps each major node's
 * best usable score (its initial potential should it be the left side).
 */
function countUsable(
  nRows: number,
  nCols: number,
  capacity: Int32Array,
  start: Int32Array,
  adj: Int32Array,
  score: Float64Array,
  byRow: boolean,
): { rowDegree: Int32Array; colDegree: Int32Array; majorBest: Float64Array } {
  const nMajor = byRow ? nRows : nCols;
  const nMinor = byRow ? nCols : nRows;
  const rowDegree = new Int32Array(nRows);
  const colDegree = new Int32Array(nCols);
  const majorBest = new Float64Array(nMajor);
  const majorDegree = byRow ? rowDegree : colDegree;
  const minorDegree = byRow ? colDegree : rowDegree;
  // No message is built inside the loop: a template literal there, even on a path never taken,
  // made this pass four times slower in V8. A bad pair only stops the loop; the error is thrown after.
  let bad = -1;
  for (let a = 0; a < nMajor; a++) {
    // A position without seats: its pairs are checked but never usable.
    const majorOpen = byRow || capacity[a]! > 0;
    let best = 0;
    let degree = 0;
    for (let e = start[a]!, end = start[a + 1]!; e < end; e++) {
      const b = adj[e]!;
      const s = score[e]!;
      if (b >>> 0 >= nMinor || s === Infinity) {
        bad = e;
        break;
      }
      if (!(s > 0)) continue; // ≤ 0, NaN, −∞: never chosen
      if (!majorOpen || (byRow && capacity[b]! === 0)) continue;
      degree++;
      minorDegree[b]!++;
      if (s > best) best = s;
    }
    if (bad >= 0) break;
    majorDegree[a] = degree;
    majorBest[a] = best;
  }
  if (bad >= 0) {
    const b = adj[bad]!;
    invalid(byRow, b >>> 0 >= nMinor ? `pair ${bad} points to ${b}, outside 0..${nMinor - 1}` : `score[${bad}] is +Infinity`);
  }
  return { rowDegree, colDegree, majorBest };
}

function invalid(byRow: boolean, what: string): never {
  throw new RangeError(`${byRow ? 'solveAssignment' : 'solveAssignmentByColumn'}: ${what}`);
}

/**
 * CSR transpose of the usable pairs only (score > 0, position with a seat), given each destination's
 * count of them from countUsable, with each destination's best score (its initial potential). Filling in source order keeps every list sorted by its source
 * index, so the result does not depend on anything but the input. One pass over the pairs, written
 * out without closures: on a large proposer instance this is a good part of the solve.
 */
function transposeUsable(
  nSrc: number,
  nDst: number,
  capacity: Int32Array,
  start: Int32Array,
  adj: Int32Array,
  score: Float64Array,
  byRow: boolean,
  dstDegree: Int32Array,
): { start: Int32Array; adj: Int32Array; score: Float64Array; leftBest: Float64Array } {
  const tStart = new Int32Array(nDst + 1);
  for (let b = 0; b < nDst; b++) tStart[b + 1] = tStart[b]! + dstDegree[b]!;
  const next = tStart.slice(0, nDst);
  const kept = tStart[nDst]!;
  // One buffer for both arrays: on a large workbook each big allocation can start a full garbage
  // collection over the (exceljs) heap, so one allocation costs half as much as two.
  const buffer = new ArrayBuffer(kept * 12);
  const tScore = new Float64Array(buffer, 0, kept);
  const tAdj = new Int32Array(buffer, kept * 8, kept);
  const leftBest = new Float64Array(nDst);
  for (let a = 0; a < nSrc; a++) {
    if (!byRow && capacity[a] === 0) continue;
    for (let e = start[a]!, end = start[a + 1]!; e < end; e++) {
      const s = score[e]!;
      if (!(s > 0)) continue;
      const b = adj[e]!;
      if (byRow && capacity[b] === 0) continue;
      const at = next[b]!;
      next[b] = at + 1;
      tAdj[at] = a;
      tScore[at] = s;
      if (s > leftBest[b]!) leftBest[b] = s;
    }
  }
  return { start: tStart, adj: tAdj, score: tScore, leftBest };
}

/** Shape checks (cheap, per node); the per-pair checks happen in countUsable's pass. */
function checkShape(
  fn: string,
  nMajor: number,
  nMinor: number,
  capacity: Int32Array,
  start: Int32Array,
  adj: Int32Array,
  score: Float64Array,
): void {
  const bad = (what: string): never => {
    throw new RangeError(`${fn}: ${what}`);
  };
  if (!Number.isInteger(nMajor) || nMajor < 0 || !Number.isInteger(nMinor) || nMinor < 0) bad('bad shape');
  const nCols = fn === 'solveAssignment' ? nMinor : nMajor;
  if (capacity.length !== nCols) bad(`capacity has length ${capacity.length}, expected ${nCols}`);
  for (let j = 0; j < nCols; j++) if (capacity[j]! < 0) bad(`capacity[${j}] is negative`);
  if (start.length !== nMajor + 1 || start[0] !== 0) bad('start must have length n + 1 and begin at 0');
  for (let a = 0; a < nMajor; a++) if (start[a + 1]! < start[a]!) bad(`start is decreasing at ${a}`);
  const nPairs = start[nMajor]!;
  if (adj.length < nPairs || score.length < nPairs) bad(`pair arrays shorter than start[n] = ${nPairs}`);
}
