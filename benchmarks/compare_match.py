#!/usr/bin/env python3
"""Compare `ithaca bench match` with two peer solvers on the very same scored round.

Runs the ithaca binary with --export, reads the exported round (one JSON header line, then a
mentees x mentors matrix of little-endian int32 scores, -1 where the pair is forbidden) and solves it with

  * scipy.optimize.linear_sum_assignment: mentor columns duplicated by capacity, plus one zero
    "unmatched" column per mentee (so leaving someone unmatched is allowed), forbidden pairs at -1e9;
  * OR-Tools SimpleMinCostFlow (if `ortools` imports): source -> mentee (1) -> mentor (score) -> sink
    (capacity), plus mentee -> sink at cost 0 for "unmatched".

Prints each solver's times and objective beside Ithaca's, with the ratios. Peers' times exclude reading
the file; "build+solve" includes turning the matrix into their input, "solve" is the solver call alone.

    python3 benchmarks/compare_match.py --ithaca .build/release/ithaca --mentees 10000 --mentors 2000 --seed 1
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np


def run_ithaca(binary, mentees, mentors, seed, export):
    command = [binary, "bench", "match", "--mentees", str(mentees), "--mentors", str(mentors),
               "--seed", str(seed), "--export", export]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = dict(re.findall(r"^(\w+): (.*)$", output, re.MULTILINE))
    return command, figures


def load(path):
    with open(path, "rb") as file:
        header = json.loads(file.readline())
        scores = np.frombuffer(file.read(), dtype="<i4").reshape(header["mentees"], header["mentors"])
    return header, scores, np.array(header["capacities"], dtype=np.int64)


def solve_scipy(scores, capacities):
    from scipy.optimize import linear_sum_assignment

    started = time.perf_counter()
    n = scores.shape[0]
    slots = np.repeat(scores, capacities, axis=1).astype(np.float64)
    slots[slots < 0] = -1e9
    weights = np.hstack([slots, np.zeros((n, n))])
    built = time.perf_counter()
    rows, columns = linear_sum_assignment(weights, maximize=True)
    solved = time.perf_counter()
    chosen = weights[rows, columns]
    assert (chosen > -1e8).all(), "scipy matched a forbidden pair"
    objective = int(chosen[chosen > 0].sum())
    matched = int((chosen > 0).sum())
    return {"objective": objective, "matched": matched, "build": built - started, "solve": solved - built}


def solve_ortools(scores, capacities):
    from ortools.graph.python import min_cost_flow

    started = time.perf_counter()
    n, m = scores.shape
    source, sink = 0, 1 + n + m
    mentee_nodes = np.arange(1, n + 1, dtype=np.int64)
    rows, columns = np.nonzero(scores > 0)
    tails = np.concatenate([np.zeros(n, dtype=np.int64), 1 + rows, mentee_nodes, 1 + n + np.arange(m)])
    heads = np.concatenate([mentee_nodes, 1 + n + columns, np.full(n, sink), np.full(m, sink)])
    caps = np.concatenate([np.ones(n), np.ones(len(rows)), np.ones(n), capacities]).astype(np.int64)
    costs = np.concatenate([np.zeros(n), -scores[rows, columns], np.zeros(n), np.zeros(m)]).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    built = time.perf_counter()
    status = flow.solve()
    solved = time.perf_counter()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"OR-Tools status {status}")
    first = n
    flows = flow.flows(np.arange(first, first + len(rows)))
    return {"objective": -flow.optimal_cost(), "matched": int(flows.sum()),
            "build": built - started, "solve": solved - built}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ithaca", default=os.environ.get("ITHACA", ".build/release/ithaca"))
    parser.add_argument("--mentees", type=int, default=1000)
    parser.add_argument("--mentors", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-scipy", action="store_true", help="scipy needs ~8 bytes x mentees x (slots + mentees)")
    parser.add_argument("--keep", help="keep the exported file here instead of a temporary one")
    args = parser.parse_args()

    export = args.keep or os.path.join(tempfile.mkdtemp(prefix="ithaca-match-"), "round.bin")
    command, ithaca = run_ithaca(args.ithaca, args.mentees, args.mentors, args.seed, export)
    header, scores, capacities = load(export)
    print("$ " + " ".join(command))
    ithaca_total = float(ithaca["total_s"])
    print(f"round: {header['mentees']} mentees x {header['mentors']} mentors, seed {args.seed}, "
          f"capacity {int(capacities.sum())}, {int((scores > 0).sum())} allowed pairs")
    print(f"{'solver':<22}{'objective':>12}{'matched':>9}{'build s':>10}{'solve s':>10}{'total s':>10}"
          f"{'peer/ithaca':>13}")
    print(f"{'ithaca (score+match)':<22}{ithaca['objective']:>12}{ithaca['matched']:>9}"
          f"{float(ithaca['scoring_s']):>10.3f}{float(ithaca['assignment_s']):>10.3f}{ithaca_total:>10.3f}{'1.00':>13}")

    peers = []
    if not args.skip_scipy:
        peers.append(("scipy lsa", solve_scipy))
    try:
        import ortools  # noqa: F401
        peers.append(("or-tools min-cost flow", solve_ortools))
    except ImportError:
        print("or-tools min-cost flow: skipped, `ortools` is not installed (pip install ortools)")
    agree = True
    for name, solve in peers:
        result = solve(scores, capacities)
        total = result["build"] + result["solve"]
        print(f"{name:<22}{result['objective']:>12}{result['matched']:>9}{result['build']:>10.3f}"
              f"{result['solve']:>10.3f}{total:>10.3f}{total / ithaca_total:>13.2f}")
        agree &= result["objective"] == int(ithaca["objective"])
    print("objectives equal: " + ("yes" if agree else "NO"))
    if not args.keep:
        os.remove(export)
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
