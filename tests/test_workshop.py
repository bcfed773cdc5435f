"""The workshop dashboard: uploads are validated in memory; a bad file never costs the good ones."""

from __future__ import annotations

import os
import sys

import ipywidgets as widgets
import pytest

import autodiag
from autodiag import plots
from autodiag.workshop import WorkshopDashboard, read_uploaded, workshop_dashboard
from helpers import all_answers


def empty_text(rubric) -> str:
    return rubric.texts.get("taller.vacio")


def answers_bytes(rubric, option: str = "si") -> bytes:
    return autodiag.new_answers(rubric, all_answers(rubric, option)).to_bytes()


def upload(dashboard: WorkshopDashboard, files: dict[str, bytes]) -> None:
    """What the browser sends when files are chosen in the FileUpload control."""
    dashboard.upload.set_state({"value": [
        {"name": name, "type": "application/json", "size": len(data), "last_modified": 1767225600000,
         "content": memoryview(data)}
        for name, data in files.items()
    ]})


@pytest.fixture
def dashboard(rubric) -> WorkshopDashboard:
    board = WorkshopDashboard(rubric)
    yield board
    board.close()


def test_the_dashboard_is_a_box_with_a_multiple_json_upload(rubric):
    box = workshop_dashboard(rubric)
    assert isinstance(box, widgets.Box)
    uploads = [w for w in box.children[1].children if isinstance(w, widgets.FileUpload)]
    assert len(uploads) == 1
    assert uploads[0].multiple and uploads[0].accept == ".json"


def test_before_any_upload_it_asks_for_files_and_hides_the_tabs(dashboard, rubric):
    assert empty_text(rubric) in dashboard.status.value
    assert dashboard.tabs.layout.display == "none"


def test_a_broken_file_is_refused_with_a_message_and_the_valid_ones_are_kept(dashboard, rubric):
    upload(dashboard, {"uno.json": answers_bytes(rubric, "si"), "dos.json": answers_bytes(rubric, "no"),
                       "roto.json": b"{esto no es json"})
    assert [i.name for i in dashboard.valid] == ["uno.json", "dos.json"]
    assert [i.name for i in dashboard.refused] == ["roto.json"]
    assert "roto.json" in dashboard.status.value and "JSON" in dashboard.status.value
    assert "rechazado" in dashboard.validation.value
    assert bytes(dashboard.heatmap.value).startswith(b"\x89PNG"), "the group is shown despite the broken file"
    assert "uno.json" in dashboard.validation.value


def test_a_later_broken_upload_keeps_the_files_already_loaded(dashboard, rubric):
    upload(dashboard, {"uno.json": answers_bytes(rubric)})
    upload(dashboard, {"otro.json": b'{"schema": "otra-cosa"}'})
    assert [i.name for i in dashboard.valid] == ["uno.json"]
    assert [i.name for i in dashboard.refused] == ["otro.json"]


def test_the_upload_control_is_emptied_after_reading(dashboard, rubric):
    upload(dashboard, {"uno.json": answers_bytes(rubric)})
    assert dashboard.upload.value == ()
    assert len(dashboard.items) == 1


def test_the_group_views_are_filled_from_the_valid_files(dashboard, rubric):
    upload(dashboard, {"uno.json": answers_bytes(rubric, "si"), "dos.json": answers_bytes(rubric, "parcial")})
    assert dashboard.tabs.layout.display == ""
    assert "avanzado" in dashboard.levels_table.value
    assert bytes(dashboard.levels_chart.value).startswith(b"\x89PNG")
    assert "nombre_campo" in dashboard.fields_table.value
    assert "recomendacion" in dashboard.recommendations.value


_WRITES: list[str] | None = None
"""While a list, every file the process opens for writing (or creates, renames, removes) is noted in it."""


def _watch_writes(event: str, args: tuple) -> None:
    if _WRITES is None:
        return
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC))
        if writing and path is not None and not isinstance(path, int):
            _WRITES.append(f"open {path!r} {mode!r}")
    elif event in ("os.mkdir", "os.rename", "os.remove", "os.symlink", "os.link", "shutil.copyfile", "shutil.move"):
        _WRITES.append(f"{event} {args[0]!r}")


sys.addaudithook(_watch_writes)


def test_uploaded_files_are_never_written_to_disk(dashboard, rubric):
    """Anywhere, not only the current folder: every write the Python process attempts is audited."""
    global _WRITES
    plots.figure_png(plots.coverage_heatmap(rubric))  # matplotlib's own first-use caches are not the upload's
    _WRITES = []
    try:
        upload(dashboard, {"uno.json": answers_bytes(rubric), "dos.json": answers_bytes(rubric, "no"),
                           "roto.json": b"nada"})
        dashboard.clear_button.click()
        written = list(_WRITES)
    finally:
        _WRITES = None
    assert len(dashboard.items) == 0 and written == [], f"the dashboard must write nothing: {written}"


def test_the_write_watch_sees_a_write_anywhere(tmp_path):
    """The watch itself works (so the test above can fail): a file written outside the current folder is seen."""
    global _WRITES
    _WRITES = []
    try:
        (tmp_path / "x.json").write_bytes(b"{}")
        written = list(_WRITES)
    finally:
        _WRITES = None
    assert any("x.json" in w for w in written)


def test_file_names_are_escaped_in_the_messages(dashboard):
    upload(dashboard, {"<b>x</b>.json": b"{"})
    assert "<b>x</b>.json" not in dashboard.status.value
    assert "&lt;b&gt;x&lt;/b&gt;.json" in dashboard.status.value


def test_clear_empties_the_dashboard(dashboard, rubric):
    upload(dashboard, {"uno.json": answers_bytes(rubric)})
    dashboard.clear_button.click()
    assert dashboard.items == {}
    assert empty_text(rubric) in dashboard.status.value


def test_read_uploaded_returns_a_scored_item_or_the_reason(rubric):
    good = read_uploaded("a.json", answers_bytes(rubric), rubric)
    assert good.ok and good.diagnosis["transparencia"].level == "avanzado"
    bad = read_uploaded("b.json", b"", rubric)
    assert not bad.ok and bad.error


def test_the_dashboard_can_start_with_a_batch(rubric):
    items = [read_uploaded("a.json", answers_bytes(rubric), rubric)]
    board = WorkshopDashboard(rubric, items)
    assert "<b>1</b> archivo(s) válido(s)" in board.status.value
    board.close()
