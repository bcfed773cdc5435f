"""Build hook: the wheel carries the repository's content, app notebook and Voilà settings.

The repository's ``content/``, ``notebooks/autodiagnostico.ipynb``, ``voila.json`` and the
``autodiag`` Voilà template stay the one source; a build copies them into the package as
``autodiag/_data/`` so that an installed package works from any folder with no environment
variable (``autodiag.resources`` finds them in a checkout and in an installed wheel alike).
Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
CARRIED = (
    "content",
    "notebooks/autodiagnostico.ipynb",
    "voila.json",
    "share/jupyter/voila/templates/autodiag",
)
"""Paths (relative to the repository) copied into ``autodiag/_data/`` at build time."""


class BuildWithData(build_py):
    """`build_py`, then a copy of `CARRIED` into the built package (not for editable installs)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout itself
        target = Path(self.build_lib) / "autodiag" / "_data"
        for relative in CARRIED:
            source, dest = HERE / relative, target / relative
            if not source.exists():
                raise FileNotFoundError(f"the package must carry {relative}, missing from {HERE}")
            dest.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, dest, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints"))
            else:
                shutil.copy2(source, dest)


setup(cmdclass={"build_py": BuildWithData})
