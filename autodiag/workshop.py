"""The workshop dashboard: upload the participants' answers files, see the group's profile.

The last cell of ``notebooks/taller.ipynb`` displays it, so the notebook also works under
Voilà as a small dashboard. Uploaded files are read and validated in memory
(`autodiag.read_answers`): nothing is written to disk. A refused file is listed with the
reason and never discards the files already loaded.

Usage::

    from autodiag.workshop import workshop_dashboard
    workshop_dashboard(rubric)            # an ipywidgets box
"""

from __future__ import annotations

import html
from typing import Iterable

import ipywidgets as widgets

from . import analysis, frames, plots
from .answers import AnswersFileError, read_answers
from .batch import BatchItem
from .model import Rubric
from .scoring import score

TABS = ("Validación", "Niveles por componente", "Participantes", "Campos más débiles", "Recomendaciones")
EMPTY = "Suba los archivos de respuestas (.json) de las y los participantes para ver el perfil del grupo."


def read_uploaded(name: str, data: bytes, rubric: Rubric) -> BatchItem:
    """Validate and score one uploaded file in memory: a scored item, or a refused one with its reason."""
    try:
        loaded = read_answers(data, rubric)
    except AnswersFileError as exc:
        return BatchItem(name, error=exc.message)
    return BatchItem(name, loaded.answers, score(rubric, loaded.answers), notices=loaded.notices,
                     version=loaded.from_version)


def _table(frame) -> str:
    return frame.to_html(escape=True, border=0, na_rep="", classes="autodiag-tabla")


class WorkshopDashboard:
    """Owns the dashboard's widgets; `root` is the box to display."""

    def __init__(self, rubric: Rubric, items: Iterable[BatchItem] = ()):
        self.rubric = rubric
        self.items: dict[str, BatchItem] = {}
        self.upload = widgets.FileUpload(accept=".json", multiple=True, description="Subir archivos",
                                         icon="upload")
        self.clear_button = widgets.Button(description="Vaciar", icon="trash",
                                           tooltip="Quitar todos los archivos cargados")
        self.status = widgets.HTML()
        self.validation = widgets.HTML()
        self.levels_table = widgets.HTML()
        self.levels_chart = widgets.Image(format="png")
        self.heatmap = widgets.Image(format="png")
        self.fields_table = widgets.HTML()
        self.fields_chart = widgets.Image(format="png")
        self.recommendations = widgets.HTML()
        self.tabs = widgets.Tab(children=[
            self.validation,
            widgets.VBox([self.levels_chart, self.levels_table]),
            self.heatmap,
            widgets.VBox([self.fields_chart, self.fields_table]),
            self.recommendations,
        ], titles=TABS)
        self.root = widgets.VBox([
            widgets.HTML("<h3>Perfil del grupo</h3><p>Los archivos se leen en la memoria de esta sesión; "
                         "no se guardan en el servidor.</p>"),
            widgets.HBox([self.upload, self.clear_button]),
            self.status,
            self.tabs,
        ])
        self.upload.observe(self._on_upload, names="value")
        self.clear_button.on_click(self._on_clear)
        self.add(items)

    # --- actions --------------------------------------------------------------------------

    def add(self, items: Iterable[BatchItem]) -> None:
        """Add (or replace, by file name) items and refresh every view."""
        for item in items:
            self.items[item.name] = item
        self.refresh()

    def add_files(self, files: Iterable[tuple[str, bytes]]) -> list[BatchItem]:
        """Validate (name, bytes) pairs in memory and add them; return the new items."""
        new = [read_uploaded(name, data, self.rubric) for name, data in files]
        self.add(new)
        return new

    def clear(self) -> None:
        self.items.clear()
        self.refresh()

    def close(self) -> None:
        """Unwire the callbacks and close every widget this dashboard made."""
        self.upload.unobserve(self._on_upload, names="value")
        self.clear_button.on_click(self._on_clear, remove=True)
        for widget in _descendants(self.root):
            widget.close()

    @property
    def valid(self) -> list[BatchItem]:
        return [item for item in self.items.values() if item.ok]

    @property
    def refused(self) -> list[BatchItem]:
        return [item for item in self.items.values() if not item.ok]

    # --- callbacks: read the widget, call the package ---------------------------------------

    def _on_upload(self, change) -> None:
        files = [(f["name"], bytes(f["content"])) for f in change.new]
        if not files:
            return
        self.add_files(files)
        self.upload.value = ()  # drop the bytes; what was read lives in self.items

    def _on_clear(self, _button) -> None:
        self.clear()

    # --- views ------------------------------------------------------------------------------

    def refresh(self) -> None:
        valid, refused = self.valid, self.refused
        self.status.value = self._status_html(valid, refused)
        self.validation.value = _table(frames.validation_frame(self.items.values())) if self.items else ""
        self.tabs.layout.display = "" if self.items else "none"
        if not valid:
            for view in (self.levels_table, self.fields_table, self.recommendations):
                view.value = ""
            for image in (self.levels_chart, self.heatmap, self.fields_chart):
                image.value = b""
            return
        rubric = self.rubric
        levels = analysis.group_summary(valid, rubric)
        self.levels_table.value = _table(levels)
        self.levels_chart.value = plots.figure_png(
            plots.distribution_chart(levels, rubric, "Participantes por nivel de desarrollo"))
        self.heatmap.value = plots.figure_png(plots.participant_heatmap(valid, rubric))
        weakest = analysis.weakest_fields(valid, rubric, top=8)
        self.fields_table.value = _table(weakest)
        self.fields_chart.value = plots.figure_png(plots.weakest_fields_chart(weakest, rubric))
        self.recommendations.value = _table(analysis.top_recommendations(valid, rubric, top=10))

    def _status_html(self, valid: list[BatchItem], refused: list[BatchItem]) -> str:
        if not self.items:
            return f"<p>{html.escape(EMPTY)}</p>"
        parts = [f"<p><b>{len(valid)}</b> archivo(s) válido(s) cargado(s); <b>{len(refused)}</b> rechazado(s).</p>"]
        if refused:
            rows = "".join(f"<li><b>{html.escape(item.name)}</b>: {html.escape(item.error)}</li>" for item in refused)
            parts.append(f"<p>Archivos que no se pudieron leer (no se toman en cuenta):</p><ul>{rows}</ul>")
        return "".join(parts)


def _descendants(box: widgets.Widget) -> list[widgets.Widget]:
    children = getattr(box, "children", ())
    return [grand for child in children for grand in _descendants(child)] + [box]


def workshop_dashboard(rubric: Rubric, items: Iterable[BatchItem] = ()) -> widgets.VBox:
    """The dashboard's box (with a `FileUpload` for .json files), optionally preloaded with `items`."""
    return WorkshopDashboard(rubric, items).root
