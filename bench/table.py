#!/usr/bin/env python3
"""Prints bench/run.sh's results side by side: one row per pack size, Hugo and sopgen in the same
run, with the ratio the issue's targets are stated in and each tool's peak memory.

usage: bench/table.py RESULTS.csv   (the --csv lines of ../shared/bench/bench_time.py)
"""
import csv
import math
import sys


def main(path):
    runs = {}
    with open(path, newline="") as f:
        for label, pages, _, _, median, _, cpu, peak, _ in csv.reader(f):
            # cmark_limit runs twice per size (first and last); its fastest median is the floor.
            key = (int(pages), label)
            row = (float(median), float(cpu), float(peak))
            runs[key] = min(runs.get(key, row), row)
    sizes = sorted({n for n, _ in runs})
    print("| N SOPs | cmark_limit | Hugo wall (CPU) | sopgen build wall (CPU) | build ÷ Hugo wall / CPU "
          "| sopgen check | sopgen peak RSS (check) | Hugo peak RSS |")
    print("|--:|--:|--:|--:|--:|--:|--:|--:|")
    for n in sizes:
        limit, hugo = runs.get((n, "cmark_limit")), runs.get((n, "hugo (2 cores)"))
        build, check = runs.get((n, "sopgen build")), runs.get((n, "sopgen check"))
        if not (limit and hugo and build and check):
            print("| %d | (incomplete: a tool failed or was not run) |" % n)
            continue
        print("| %s | %.3f s | %.3f s (%.2f) | %.3f s (%.2f) | %.2f× / %.2f× | %.3f s | {:,.0f} MiB ({:,.0f}) | {:,.0f} MiB |".format(build[2], check[2], hugo[2]) % (
            f"{n:,}", limit[0], hugo[0], hugo[1], build[0], build[1], build[0] / hugo[0], build[1] / hugo[1],
            check[0]))
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        doublings = math.log2(large / small)
        for label in ("sopgen build", "sopgen check", "hugo (2 cores)"):
            a, b = runs.get((small, label)), runs.get((large, label))
            if a and b:
                print("%s: %.2f× the time for %g× the SOPs, %.2f× per doubling" % (
                    label, b[0] / a[0], large / small, (b[0] / a[0]) ** (1 / doublings)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]) if len(sys.argv) == 2 else "usage: bench/table.py RESULTS.csv")
