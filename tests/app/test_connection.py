"""The page's own scripts are part of the app, read from autodiag/static (the browser side:
tests/browser/test_kernel_death.py, test_server_gone.py, test_limits.py)."""

from __future__ import annotations

import json
from importlib import resources

from autodiag.answers import MAX_BYTES, MAX_LABEL_CHARS, MAX_NOTE_CHARS
from autodiag.app.connection import GRACE_SECONDS, ConnectionNotice
from autodiag.plan import MAX_AREA_CHARS, MAX_INDICATOR_CHARS, MAX_PLAN_NOTE_CHARS, MAX_TEXT_CHARS


def argument(script: str) -> dict:
    """The JSON argument a page script is called with."""
    return json.loads(script[script.rindex("})(") + 3:script.rindex(");")])


def test_the_app_carries_the_watching_script_with_the_contents_texts(app, rubric):
    t = rubric.texts
    assert app.connection.root in app.root.children
    (output,) = app.connection.root.outputs
    script = output["data"]["application/javascript"]
    assert argument(script) == {
        "title": t.get("app.conexion_perdida_titulo"),
        "body": t.get("app.conexion_perdida", descargar=t.get("app.descargar_respuestas"),
                      retomar=t.get("app.subir_respuestas")),
        "reload": t.get("app.conexion_recargar"),
        "server": t.get("interfaz.servidor_ausente"),
        "grace_ms": GRACE_SECONDS * 1000,
    }
    source = resources.files("autodiag").joinpath("static", "connection.js").read_text(encoding="utf-8")
    assert source.strip().rstrip(";") in script, "the script is the package's static file"
    assert "autodiag-download-respuestas" in script, "the notice copies the answers link"


def test_texts_cannot_close_the_script(rubric, monkeypatch):
    original = rubric.texts.get
    monkeypatch.setattr(rubric.texts, "get", lambda key, **v: "</script><b>x" if key.startswith("app.conexion")
                        else original(key, **v))
    script = ConnectionNotice(rubric).script
    assert "</script>" not in script and "<\\/script>" in script


def test_the_limits_script_carries_the_answers_readers_limits(app, rubric):
    (output,) = app.limits.outputs
    config = argument(output["data"]["application/javascript"])
    assert [box["limit"] for box in config["boxes"]] == [
        MAX_NOTE_CHARS, MAX_LABEL_CHARS, MAX_TEXT_CHARS, MAX_AREA_CHARS, MAX_INDICATOR_CHARS, MAX_PLAN_NOTE_CHARS]
    assert config["max_bytes"] == MAX_BYTES
    assert "{tamano}" in config["too_big"] and f"{MAX_BYTES // 1024} KB" in config["too_big"]
