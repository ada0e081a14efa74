"""Reference timings for bench/solver.bench.ts: solve the benchmark's instance with scipy.

    python3 bench/scipy_ref.py dense  <cost.f64> <n> <m> [repeats]
    python3 bench/scipy_ref.py sparse <indptr.i32> <indices.i32> <data.f64> <rows> <cols> [repeats]

Reads the instance the TypeScript benchmark wrote (raw little-endian arrays, numpy.fromfile), times
only the solve (scipy.optimize.linear_sum_assignment, or
scipy.sparse.csgraph.min_weight_full_bipartite_matching on a CSR matrix), best of `repeats` runs
(default 1), and prints one JSON line:
{"seconds": <best solve time>, "runs": [<each run>], "total": <sum of the chosen costs>}.
Exit code 3 when numpy or scipy is missing.
"""
import json
import sys
import time

try:
    import numpy as np
    import scipy
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching
except ImportError as e:  # the benchmark prints a note and skips the comparison
    print(json.dumps({"error": str(e)}))
    sys.exit(3)


def best_of(repeats, solve):
    runs = []
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = solve()
        runs.append(time.perf_counter() - t0)
    return min(runs), runs, result


def dense(path, n, m, repeats):
    cost = np.fromfile(path, dtype="<f8").reshape(n, m)
    seconds, runs, (rows, cols) = best_of(repeats, lambda: linear_sum_assignment(cost))
    return seconds, runs, float(cost[rows, cols].sum())


def sparse(indptr_path, indices_path, data_path, n, m, repeats):
    indptr = np.fromfile(indptr_path, dtype="<i4")
    indices = np.fromfile(indices_path, dtype="<i4")
    data = np.fromfile(data_path, dtype="<f8")
    a = csr_matrix((data, indices, indptr), shape=(n, m))
    seconds, runs, (rows, cols) = best_of(repeats, lambda: min_weight_full_bipartite_matching(a))
    return seconds, runs, float(np.asarray(a[rows, cols]).sum())


def main(argv):
    if argv[1] == "dense":
        repeats = int(argv[5]) if len(argv) > 5 else 1
        seconds, runs, total = dense(argv[2], int(argv[3]), int(argv[4]), repeats)
    elif argv[1] == "sparse":
        repeats = int(argv[7]) if len(argv) > 7 else 1
        seconds, runs, total = sparse(argv[2], argv[3], argv[4], int(argv[5]), int(argv[6]), repeats)
    else:
        raise SystemExit(f"unknown mode {argv[1]!r}")
    print(json.dumps({"seconds": seconds, "runs": runs, "total": total, "scipy": scipy.__version__}))


if __name__ == "__main__":
    main(sys.argv)
