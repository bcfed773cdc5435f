"""`python -m autodiag app`'s launcher: the command it runs and the template Voilà finds with it."""

from __future__ import annotations

import sys
from pathlib import Path

from autodiag.serve import APP_NOTEBOOK, SHARE, TEMPLATE, voila_command


def test_the_app_is_served_with_the_repository_template_on_the_jupyter_path():
    argv, env = voila_command(environ={"JUPYTER_PATH": "/otra/ruta", "HOME": "/home/x"})
    assert argv[:4] == [sys.executable, "-m", "voila", str(APP_NOTEBOOK)]
    assert f"--template={TEMPLATE}" in argv
    assert env["JUPYTER_PATH"].split(":") == [str(SHARE), "/otra/ruta"]  # first, the user's path kept
    assert env["HOME"] == "/home/x"
    assert "AUTODIAG_CONTENT" not in env


def test_options_go_to_voila_and_content_to_the_kernels(tmp_path):
    argv, env = voila_command("otro.ipynb", ["--port=9000", "--no-browser"], content=tmp_path, environ={})
    assert argv[3] == str(Path("otro.ipynb").resolve())
    assert argv[-2:] == ["--port=9000", "--no-browser"]
    assert env["AUTODIAG_CONTENT"] == str(tmp_path.resolve())
    assert env["JUPYTER_PATH"] == str(SHARE)


def test_voila_finds_the_template_and_its_lab_parent(monkeypatch):
    from voila.paths import collect_template_paths

    monkeypatch.setenv("JUPYTER_PATH", voila_command()[1]["JUPYTER_PATH"])
    paths = collect_template_paths(["voila", "nbconvert"], TEMPLATE, prune=True)
    assert paths[0] == str(SHARE / "voila" / "templates" / TEMPLATE)
    assert any(Path(p).parts[-2:] == ("templates", "lab") for p in paths)  # what it extends
    assert (Path(paths[0]) / "index.html.j2").is_file()
