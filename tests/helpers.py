"""Paths and small helpers shared by the tests (importable as `helpers`: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import autodiag

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def all_answers(rubric: autodiag.Rubric, option: str) -> dict[str, str]:
    """Every question of `rubric` answered with `option`."""
    return {q.id: option for q in rubric.questions}


def fake_kernel(last_activity: Any, state: str = "idle") -> SimpleNamespace:
    """What a kernel manager's culler reads of a kernel: its state, name, spec and last activity."""
    return SimpleNamespace(execution_state=state, kernel_name="python3", last_activity=last_activity,
                           kernel_spec=SimpleNamespace(metadata={}))


def recorded_shutdowns(manager: Any) -> list[str]:
    """Replace `manager.shutdown_kernel` by one that only records the kernel ids it is asked to shut down."""
    gone: list[str] = []

    async def shutdown(kernel_id: str, *args: Any, **kwargs: Any) -> None:
        gone.append(kernel_id)

    manager.shutdown_kernel = shutdown
    return gone


def loaded_after(code: str, modules: Iterable[str]) -> list[str]:
    """Which of `modules` a fresh Python process has imported once it has run `code`."""
    probe = f"{code}\nimport sys\nprint(','.join(m for m in {tuple(modules)!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return [m for m in out.strip().split(",") if m]
