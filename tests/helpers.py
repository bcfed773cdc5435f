"""Paths and small helpers shared by the tests (importable as `helpers`: pytest puts tests/ on sys.path)."""

from __future__ import annotations

from pathlib import Path

import autodiag

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def all_answers(rubric: autodiag.Rubric, option: str) -> dict[str, str]:
    """Every question of `rubric` answered with `option`."""
    return {q.id: option for q in rubric.questions}
