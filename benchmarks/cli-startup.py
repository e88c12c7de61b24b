#!/usr/bin/env python3
"""Start-up time of two cai builds, interleaved: python3 benchmarks/cli-startup.py OLD.dll NEW.dll [RUNS].

Each command line runs RUNS times per build, old then new, after one uncounted warm-up of each; the time is the wall
time of the whole `dotnet cai.dll ...` process. Prints the median, min and max of each, and new/old of the medians.
"""
import statistics
import subprocess
import sys
import time

COMMANDS = {"report /nonexistent": ["report", "/nonexistent"], "train dpo --help": ["train", "dpo", "--help"], "--help": ["--help"]}


def run(dll, args):
    start = time.perf_counter()
    subprocess.run(["dotnet", dll, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(old, new, runs=15):
    builds = [("old", old), ("new", new)]
    times = {(c, b): [] for c in COMMANDS for b, _ in builds}
    for args in COMMANDS.values():
        for _, dll in builds:
            run(dll, args)
    for _ in range(runs):
        for command, args in COMMANDS.items():
            for build, dll in builds:
                times[(command, build)].append(run(dll, args))
    for command in COMMANDS:
        o, n = times[(command, "old")], times[(command, "new")]
        print(f"{command:20s} old {statistics.median(o):.3f} s ({min(o):.3f}-{max(o):.3f})  "
              f"new {statistics.median(n):.3f} s ({min(n):.3f}-{max(n):.3f})  new/old {statistics.median(n) / statistics.median(o):.2f}  runs {runs}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 15)
