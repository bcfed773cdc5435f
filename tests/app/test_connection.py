"""The lost-connection notice's script is part of the app (the browser side: tests/browser/test_kernel_death.py)."""

from __future__ import annotations

import json


from autodiag.app.connection import ConnectionNotice


def test_the_app_carries_the_watching_script_with_the_contents_texts(app, rubric):
    t = rubric.texts
    assert app.connection.root in app.root.children
    (output,) = app.connection.root.outputs
    script = output["data"]["application/javascript"]
    texts = json.loads(script[script.rindex("})(") + 3:script.rindex(");")])
    assert texts == {
        "title": t.get("app.conexion_perdida_titulo"),
        "body": t.get("app.conexion_perdida", descargar=t.get("app.descargar_respuestas"),
                      retomar=t.get("app.subir_respuestas")),
        "reload": t.get("app.conexion_recargar"),
    }
    assert "autodiag-download-respuestas" in script, "the notice copies the answers link"


def test_texts_cannot_close_the_script(rubric, monkeypatch):
    original = rubric.texts.get
    monkeypatch.setattr(rubric.texts, "get", lambda key, **v: "</script><b>x" if key.startswith("app.conexion")
                        else original(key, **v))
    script = ConnectionNotice(rubric).script
    assert "</script>" not in script and "<\\/script>" in script
