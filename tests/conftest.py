"""Shared fixtures: the real rubric, and a scratch copy of content/ to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import autodiag
from helpers import CONTENT, FIXTURES


@pytest.fixture(scope="session")
def rubric() -> autodiag.Rubric:
    return autodiag.load_rubric(CONTENT)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the real content folder."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


MINI = FIXTURES / "mini_content"


@pytest.fixture(scope="session")
def mini_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny rubric (5 components × 6 questions: b1 (peso 2), b2, b3, b4, i1, a1) with the real texts.

    Per component: b1–b4 are basico (fields f1, f2, f1, f2), b1 a legal minimum; i1 intermedio
    (f1), a1 avanzado (f2); b2 and i1 admit "En elaboración"; recommendations rb (triggered by
    b1–b4), ri (i1) and ra (a1). Its `migraciones.yaml` carries version 0.0 to 0.1.
    """
    target = tmp_path_factory.mktemp("mini") / "content"
    shutil.copytree(MINI, target)
    shutil.copy(CONTENT / "textos.yaml", target / "textos.yaml")
    return target


@pytest.fixture(scope="session")
def mini(mini_dir: Path) -> autodiag.Rubric:
    return autodiag.load_rubric(mini_dir)


@pytest.fixture
def mini_copy(tmp_path: Path, mini_dir: Path) -> Path:
    """A writable copy of the tiny rubric (with the real texts), to break on purpose."""
    target = tmp_path / "mini"
    shutil.copytree(mini_dir, target)
    return target
