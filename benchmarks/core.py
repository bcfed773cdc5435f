"""Benchmark of the core: import + load, one CLI score, batch scoring of 1,000 files.

Usage:  python3 benchmarks/core.py [--runs 7] [--files 1000]

Prints medians and min–max over several runs; figures, not asserts. Targets (issue 3):
import autodiag + load_rubric() ≤ 150 ms; batch of 1,000 files ≤ 2 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

IMPORT_AND_LOAD = """
import time
t0 = time.perf_counter()
import autodiag
autodiag.load_rubric()
print(time.perf_counter() - t0)
"""


def summary(name: str, seconds: list[float], target: str = "") -> str:
    ms = sorted(s * 1000 for s in seconds)
    line = f"{name:<48} median {statistics.median(ms):8.1f} ms   min–max {ms[0]:.1f}–{ms[-1]:.1f} ms   (n={len(ms)})"
    return line + (f"   target {target}" if target else "")


def timed_process(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()

    import autodiag
    from autodiag.batch import score_folder

    rubric = autodiag.load_rubric()
    options = {q.id: [o.id for o in rubric.options_for(q)] for q in rubric.questions}
    print(f"autodiag {autodiag.__version__}, Python {sys.version.split()[0]}, rubric {rubric.id} {rubric.version}, "
          f"{len(rubric.questions)} questions")

    inside = [float(subprocess.run([sys.executable, "-c", IMPORT_AND_LOAD], check=True, capture_output=True,
                                   text=True, cwd=REPO).stdout) for _ in range(args.runs)]
    print(summary("import autodiag + load_rubric() (in-process)", inside, "≤ 150 ms"))
    bare = [timed_process([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
    print(summary("  (a bare `python -c pass`, for reference)", bare))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rng = random.Random(2026)
        for i in range(args.files):
            answers = {q.id: rng.choice(options[q.id]) for q in rubric.questions if rng.random() < 0.95}
            (folder / f"p{i:04d}.json").write_bytes(autodiag.new_answers(rubric, answers).to_bytes())
        one = str(folder / "p0000.json")
        cli = [timed_process([sys.executable, "-m", "autodiag", "score", one, "--format", "json"])
               for _ in range(args.runs)]
        print(summary("CLI `score` of one file (whole process)", cli))

        batch = []
        for _ in range(max(3, args.runs // 2)):
            t0 = time.perf_counter()
            items = score_folder(folder, rubric)
            batch.append(time.perf_counter() - t0)
            assert all(item.ok for item in items)
        print(summary(f"batch: read + validate + score {args.files} files", batch, "≤ 2 s"))
        batch_command = [sys.executable, "-m", "autodiag", "batch", str(folder), "-o", str(folder / "x.csv")]
        cli_batch = [timed_process(batch_command) for _ in range(max(3, args.runs // 2))]
        print(summary(f"CLI `batch` of {args.files} files (whole process)", cli_batch))


if __name__ == "__main__":
    main()
