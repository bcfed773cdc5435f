"""`python -m autodiag app`'s launcher: the command it runs, its settings and the template Voilà finds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from traitlets.config import Config

from autodiag.resources import REPOSITORY as REPO
from autodiag.serve import APP_NOTEBOOK, SHARE, TEMPLATE, VOILA_SETTINGS, app_files, voila_command


def test_the_app_is_served_by_the_guarded_voila_with_the_repository_template():
    argv, env = voila_command(environ={"JUPYTER_PATH": "/otra/ruta", "HOME": "/home/x"})
    assert argv[:4] == [sys.executable, "-m", "autodiag.server_guard", str(APP_NOTEBOOK)]
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


def test_the_app_files_are_found_in_one_place():
    files = app_files()
    assert files.notebook == APP_NOTEBOOK and files.notebook.is_file()
    assert (files.share / "voila" / "templates" / TEMPLATE / "index.html.j2").is_file()
    assert (files.share / "voila" / "templates" / TEMPLATE / "error.html").is_file()


def test_settings_do_not_come_from_the_current_folder(tmp_path, monkeypatch):
    """The settings are Voilà's initial configuration; the current folder is not searched for voila.json."""
    from autodiag.server_guard import AutodiagVoila

    (tmp_path / "voila.json").write_text(json.dumps({"VoilaConfiguration": {"strip_sources": False}}))
    monkeypatch.chdir(tmp_path)
    assert str(tmp_path) not in VOILA_SETTINGS["Voila"]["config_file_paths"]
    app = AutodiagVoila(config=Config(VOILA_SETTINGS))
    assert str(tmp_path) not in app.config_file_paths
    assert VOILA_SETTINGS["VoilaConfiguration"]["strip_sources"] is True
    assert VOILA_SETTINGS["VoilaConfiguration"]["show_tracebacks"] is False


def test_binders_voila_json_agrees_with_the_launcher():
    """voila.json is read on Binder (Voilà inside Jupyter's server): the same page settings."""
    binder = json.loads((REPO / "voila.json").read_text(encoding="utf-8"))
    for key in ("strip_sources", "show_tracebacks", "file_allowlist", "theme", "extension_denylist"):
        assert binder["VoilaConfiguration"][key] == VOILA_SETTINGS["VoilaConfiguration"][key], key
    assert binder["VoilaExecutor"] == VOILA_SETTINGS["VoilaExecutor"]
    assert binder["VoilaExporter"] == VOILA_SETTINGS["VoilaExporter"]
    assert binder["AsyncKernelManager"] == VOILA_SETTINGS["AsyncKernelManager"]


def test_voila_finds_the_template_and_its_lab_parent(monkeypatch):
    from voila.paths import collect_template_paths

    monkeypatch.setenv("JUPYTER_PATH", voila_command()[1]["JUPYTER_PATH"])
    paths = collect_template_paths(["voila", "nbconvert"], TEMPLATE, prune=True)
    assert paths[0] == str(SHARE / "voila" / "templates" / TEMPLATE)
    assert any(Path(p).parts[-2:] == ("templates", "lab") for p in paths)  # what it extends
    assert (Path(paths[0]) / "index.html.j2").is_file()
