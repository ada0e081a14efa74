"""Reference timings for bench/solver.bench.ts: solve the benchmark's instance with scipy.

    python3 bench/scipy_ref.py dense  <cost.f64> <n> <m>
    python3 bench/scipy_ref.py sparse <indptr.i32> <indices.i32> <data.f64> <rows> <cols>

Reads the instance the TypeScript benchmark wrote (raw little-endian arrays, numpy.fromfile), times
only the solve (scipy.optimize.linear_sum_assignment, or
scipy.sparse.csgraph.min_weight_full_bipartite_matching on a CSR matrix) and prints one JSON line:
{"seconds": <solve time>, "total": <sum of the chosen costs>}. Exit code 3 when scipy is missing.
"""
import json
import sys
import time

try:
    import numpy as np
    from scipy.optimize import linear_sum_assignment
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching
except ImportError as e:  # the benchmark prints a note and skips the comparison
    print(json.dumps({"error": str(e)}))
    sys.exit(3)


def dense(path, n, m):
    cost = np.fromfile(path, dtype="<f8").reshape(n, m)
    t0 = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    seconds = time.perf_counter() - t0
    return seconds, float(cost[rows, cols].sum())


def sparse(indptr_path, indices_path, data_path, n, m):
    indptr = np.fromfile(indptr_path, dtype="<i4")
    indices = np.fromfile(indices_path, dtype="<i4")
    data = np.fromfile(data_path, dtype="<f8")
    a = csr_matrix((data, indices, indptr), shape=(n, m))
    t0 = time.perf_counter()
    rows, cols = min_weight_full_bipartite_matching(a)
    seconds = time.perf_counter() - t0
    return seconds, float(np.asarray(a[rows, cols]).sum())


def main(argv):
    if argv[1] == "dense":
        seconds, total = dense(argv[2], int(argv[3]), int(argv[4]))
    elif argv[1] == "sparse":
        seconds, total = sparse(argv[2], argv[3], argv[4], int(argv[5]), int(argv[6]))
    else:
        raise SystemExit(f"unknown mode {argv[1]!r}")
    print(json.dumps({"seconds": seconds, "total": total}))


if __name__ == "__main__":
    main(sys.argv)
