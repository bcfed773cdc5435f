"""The code is lint-clean (ruff: the package, its tests, benchmarks and notebooks) and the package
type-clean (mypy), as configured in pyproject.toml.

Run by the default test command, so `.ci/run` fails on a lint or type error like on any test.
"""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], capture_output=True, text=True, cwd=REPO, timeout=600)


def test_ruff_finds_nothing_in_the_code():
    result = _run("ruff", "check", "autodiag", "tests", "benchmarks", "notebooks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_package():
    result = _run("mypy")  # files and settings: [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr
