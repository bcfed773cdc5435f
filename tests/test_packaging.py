"""environment.yml (conda, Binder) and pyproject.toml (pip) declare the same runtime dependencies;
a regular install (the deploy image's ``pip install .``) carries the Voilà template."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

import autodiag
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


SOURCES = ("autodiag", "share", "content", "notebooks/autodiagnostico.ipynb", "pyproject.toml", "setup.py",
           "MANIFEST.in", "README.md", "LICENSE", "voila.json")
"""What a build needs: copied to a scratch folder, since building writes build/ and *.egg-info."""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the repository with pip (build isolation, as a user's `pip install .`)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    for name in SOURCES:
        src, dst = REPO / name, source / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "_data"))
        else:
            shutil.copy(src, dst)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(tmp / "dist")],
                   check=True, capture_output=True, timeout=600)
    return next((tmp / "dist").glob("autodiag-*.whl"))


def test_the_wheel_carries_templates_content_notebook_and_voila_settings(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for template_file in ("conf.json", "index.html.j2"):
        assert any(n.endswith(f".data/data/share/jupyter/voila/templates/autodiag/{template_file}") for n in names)
        assert f"autodiag/_data/share/jupyter/voila/templates/autodiag/{template_file}" in names
    assert any(n.endswith("autodiag/templates/report.html.j2") for n in names)
    assert "autodiag/templates/chart.svg.j2" in names and "autodiag/typst_worker.py" in names, "chart and PDF"
    assert "autodiag/workshop/templates/status.html.j2" in names, "the workshop dashboard's markup"
    content = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "content").rglob("*") if p.is_file())
    missing = [c for c in content if f"autodiag/_data/{c}" not in names]
    assert not missing, f"the wheel must carry every content file: {missing}"
    assert "autodiag/_data/notebooks/autodiagnostico.ipynb" in names
    assert "autodiag/_data/voila.json" in names


def _clean_env() -> dict[str, str]:
    """The environment of a new user: no PYTHONPATH pointing at a checkout, no adapted content."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "AUTODIAG_CONTENT", "PYTHONHOME")}


def test_the_installed_wheel_works_from_any_folder_without_settings(wheel, tmp_path, rubric):
    """A fresh venv (system site-packages only for the heavy third-party deps), the wheel installed into it,
    and every command run from an empty folder outside the repository with no environment variable."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    python, autodiag_cmd = venv / "bin" / "python", venv / "bin" / "autodiag"
    env = _clean_env()
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, capture_output=True, env=env, timeout=300)
    work = tmp_path / "en-otra-carpeta"
    work.mkdir()

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(argv), capture_output=True, text=True, env=env, cwd=work, timeout=300)

    probe = run(str(python), "-c", "import autodiag, autodiag.resources as r; from autodiag import load_rubric; "
                "rubric = load_rubric(); print(autodiag.__file__); print(r.content_dir()); "
                "print(r.app_notebook().is_file(), r.voila_config().is_file(), "
                "(r.jupyter_data_dir() / 'voila/templates/autodiag/conf.json').is_file()); "
                "print(len(rubric.questions)); "
                "from autodiag.workshop.dashboard import render; assert 'Perfil' in render('header', t=rubric.texts)")
    assert probe.returncode == 0, probe.stderr
    module, content, found, n = probe.stdout.splitlines()
    assert module.startswith(str(venv)), f"autodiag must come from the wheel, not {module}"
    assert content.startswith(str(venv)) and content.endswith("autodiag/_data/content")
    assert found == "True True True"
    assert int(n) == len(rubric.questions)

    answers = work / "respuestas.json"
    answers.write_bytes(autodiag.new_answers(rubric, {q.id: "si" for q in rubric.questions}).to_bytes())
    scored = run(str(autodiag_cmd), "score", answers.name, "--format", "json")
    assert scored.returncode == 0, scored.stderr
    assert {c["level"] for c in json.loads(scored.stdout)["components"].values()} == {"avanzado"}
    for suffix in (".html", ".csv", ".pdf"):
        report = run(str(autodiag_cmd), "report", answers.name, "-o", f"reporte{suffix}")
        assert report.returncode == 0, report.stderr
    assert (work / "reporte.html").read_bytes().lstrip()[:15].lower() == b"<!doctype html>"
    assert b"transparencia" in (work / "reporte.csv").read_bytes()
    assert (work / "reporte.pdf").read_bytes().startswith(b"%PDF")
    assert run(str(python), "-m", "autodiag", "validate").returncode == 0
