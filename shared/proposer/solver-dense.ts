/**
 * Dense linear assignment (what scipy.optimize.linear_sum_assignment solves): given an n × m cost
 * matrix, assign every row of the smaller side to a distinct column at minimum total cost.
 *
 * Algorithm: Jonker & Volgenant (1987), "A shortest augmenting path algorithm for dense and sparse
 * linear assignment problems", in its classic form. For a square matrix, three cheap phases first
 * (column reduction, reduction transfer, two passes of augmenting row reduction) assign most rows
 * and set column prices v; then each remaining free row is assigned by a shortest augmenting path
 * (Dijkstra over columns with the JV "todo/ready" lists, which settle every column at the current
 * minimum in one sweep). Row duals are implicit: u(i) = min_j c(i,j) − v(j), and every assigned row
 * sits on a column achieving that minimum, so the final assignment is optimal (complementary
 * slackness). A rectangular matrix (n < m; a taller one is transposed) skips the initial phases,
 * which assume a square matrix, and starts from v = 0: prices then only decrease and unassigned
 * columns keep v = 0, the optimality condition of the rectangular problem.
 *
 * Floating point: costs are used as given; the result is optimal up to rounding in the sums of
 * prices (relative error of order 1e-12 of the costs' magnitude). Integer costs below 2^53/n are
 * exact.
 */

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
  for (let t = 0; t < cost.length; t++) {
    if (!Number.isFinite(cost[t]!)) throw new RangeError(`solveDense: cost[${t}] is not finite`);
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

/** Column reduction, reduction transfer and augmenting row reduction (square matrices only). */
function initialPhases(
  n: number,
  c: Float64Array,
  v: Float64Array,
  rowSol: Int32Array,
  colSol: Int32Array,
): { free: Int32Array; nFree: number } {
  const matches = new Int32Array(n);
  // Column reduction, in reverse order as JV recommend: v(j) = min over rows, assign that row to
  // its first such column.
  for (let j = n - 1; j >= 0; j--) {
    let min = c[j]!;
    let iMin = 0;
    for (let i = 1, at = n + j; i < n; i++, at += n) {
      const h = c[at]!;
      if (h < min) {
        min = h;
        iMin = i;
      }
    }
    v[j] = min;
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

  // Augmenting row reduction, twice. Each step strictly lowers one price, so it ends in exact
  // arithmetic; the budget only guards against creeping by a few ulps with floats, after which the
  // remaining rows are simply left to the shortest-path phase (always correct).
  for (let pass = 0; pass < 2; pass++) {
    let k = 0;
    const prevFree = nFree;
    nFree = 0;
    let budget = 4 * n + 16;
    while (k < prevFree) {
      const i = free[k++]!;
      if (--budget < 0) {
        free[nFree++] = i;
        continue;
      }
      const off = i * n;
      let uMin = c[off]! - v[0]!;
      let j1 = 0;
      let uSubMin = Infinity;
      let j2 = -1;
      for (let j = 1; j < n; j++) {
        const h = c[off + j]! - v[j]!;
        if (h < uSubMin) {
          if (h >= uMin) {
            uSubMin = h;
            j2 = j;
          } else {
            uSubMin = uMin;
            uMin = h;
            j2 = j1;
            j1 = j;
          }
        }
      }
      let i0 = colSol[j1]!;
      const strict = uMin < uSubMin;
      if (strict) {
        v[j1] = v[j1]! - (uSubMin - uMin);
      } else if (i0 >= 0 && j2 >= 0) {
        // Minimum and second minimum tie: take the second column, which may be unassigned.
        j1 = j2;
        i0 = colSol[j2]!;
      }
      rowSol[i] = j1;
      colSol[j1] = i;
      if (i0 >= 0) {
        rowSol[i0] = -1;
        if (strict) free[--k] = i0; // continue the augmenting path with the row just displaced
        else free[nFree++] = i0;
      }
    }
  }
  return { free, nFree };
}

/** Shortest augmenting path from every free row (JV's augmentation phase). */
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
  const colList = new Int32Array(m);
  for (let f = 0; f < nFree; f++) {
    const freeRow = free[f]!;
    const fOff = freeRow * m;
    for (let j = 0; j < m; j++) {
      d[j] = c[fOff + j]! - v[j]!;
      pred[j] = freeRow;
      colList[j] = j;
    }
    // colList[0, last] are settled below the current minimum, [low, up) are at the current minimum
    // still to be scanned, [up, m) are not reached at the minimum yet.
    let low = 0;
    let up = 0;
    let last = -1;
    let min = 0;
    let endOfPath = -1;
    while (endOfPath < 0) {
      if (up === low) {
        last = low - 1;
        min = d[colList[up++]!]!;
        for (let k = up; k < m; k++) {
          const j = colList[k]!;
          const h = d[j]!;
          if (h <= min) {
            if (h < min) {
              up = low;
              min = h;
            }
            colList[k] = colList[up]!;
            colList[up++] = j;
          }
        }
        for (let k = low; k < up; k++) {
          if (colSol[colList[k]!]! < 0) {
            endOfPath = colList[k]!;
            break;
          }
        }
        if (endOfPath >= 0) break;
      }
      // Scan the next column at the minimum: its row's other columns get closer through it.
      const j1 = colList[low++]!;
      const i = colSol[j1]!;
      const iOff = i * m;
      const h = c[iOff + j1]! - v[j1]! - min;
      for (let k = up; k < m; k++) {
        const j = colList[k]!;
        const v2 = c[iOff + j]! - v[j]! - h;
        if (v2 < d[j]!) {
          pred[j] = i;
          if (v2 === min) {
            if (colSol[j]! < 0) {
              endOfPath = j;
              break;
            }
            colList[k] = colList[up]!;
            colList[up++] = j;
          }
          d[j] = v2;
        }
      }
    }
    // Prices of the columns settled below the final minimum.
    for (let k = 0; k <= last; k++) {
      const j1 = colList[k]!;
      v[j1] = v[j1]! + d[j1]! - min;
    }
    // Flip the alternating path.
    for (;;) {
      const i = pred[endOfPath]!;
      colSol[endOfPath] = i;
      const next = rowSol[i]!;
      rowSol[i] = endOfPath;
      if (i === freeRow) break;
      endOfPath = next;
    }
  }
}
