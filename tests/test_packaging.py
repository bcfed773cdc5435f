"""environment.yml (conda, Binder) and pyproject.toml (pip) declare the same runtime dependencies;
a regular install (the deploy image's ``pip install .``) carries the Voilà template."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile

import yaml

from helpers import REPO

SPEC = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:(>=|==|<=|~=|>|<|=)\s*([^\s,;]+))?")
NOT_PACKAGES = {"python", "pip"}
"""Conda-only entries: the interpreter and the installer."""


def parse(spec: str) -> tuple[str, str]:
    """``"PyYAML >= 6.0"`` → ``("pyyaml", ">=6.0")`` (names normalised as in PEP 503)."""
    match = SPEC.match(spec)
    assert match, f"cannot read dependency {spec!r}"
    name, op, version = match.groups()
    return re.sub(r"[-_.]+", "-", name).lower(), f"{op}{version}" if op else ""


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def environment() -> dict:
    return yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))


def conda_dependencies() -> dict[str, str]:
    deps: dict[str, str] = {}
    for entry in environment()["dependencies"]:
        specs = entry["pip"] if isinstance(entry, dict) else [entry]
        for spec in specs:
            name, bound = parse(spec)
            if name not in NOT_PACKAGES:
                assert name not in deps, f"{name} is declared twice in environment.yml"
                deps[name] = bound
    return deps


def pip_dependencies(extra: str | None = None) -> dict[str, str]:
    specs = pyproject()["dependencies"] if extra is None else pyproject()["optional-dependencies"][extra]
    return dict(parse(spec) for spec in specs)


def test_environment_and_pyproject_declare_the_same_runtime_dependencies():
    assert conda_dependencies() == pip_dependencies(), "keep environment.yml and pyproject.toml in step"


def test_every_runtime_dependency_has_a_lower_bound():
    for name, bound in pip_dependencies().items():
        assert bound.startswith(">="), f"{name} needs a pinned lower bound (>=), not {bound!r}"


def test_binder_does_not_install_the_test_tools():
    test_only = set(pip_dependencies("test")) - set(pip_dependencies())
    assert not test_only & set(conda_dependencies()), "the test extras are for CI, not for Binder"


def test_both_ask_for_the_same_python():
    python = [parse(e)[1] for e in environment()["dependencies"] if isinstance(e, str) and parse(e)[0] == "python"]
    assert python == [pyproject()["requires-python"]]


def test_binder_builds_from_conda_forge():
    assert environment()["channels"] == ["conda-forge"]


def test_a_regular_install_carries_the_voila_template(tmp_path):
    source = tmp_path / "src"  # a copy: building writes build/ and *.egg-info next to pyproject.toml
    for folder in ("autodiag", "share"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q",
                    "-w", str(tmp_path / "dist")], check=True, capture_output=True, timeout=300)
    wheel = next((tmp_path / "dist").glob("autodiag-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for template_file in ("conf.json", "index.html.j2"):
        assert any(n.endswith(f".data/data/share/jupyter/voila/templates/autodiag/{template_file}") for n in names)
    assert any(n.endswith("autodiag/templates/report.html.j2") for n in names)
