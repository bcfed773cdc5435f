"""Saving, resuming and comparing: download links and uploads, all in memory.

Downloads are `<a download href="data:…">` links whose data is regenerated when the state
changes: the file is built in the kernel's memory and travels to the browser inside the
link, so nothing is written on the server. The reports (HTML, PDF, CSV) render the view the
results screen drew (`set_reports`). Uploads are read from the widget's value; a file over the
size cap is refused in the page before it is sent (``static/limits.js``) and again here. A refused
file shows one Spanish message and leaves the state untouched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import ipywidgets as w

from ..answers import MAX_BYTES, MAX_LABEL_CHARS, AnswersFileError, LoadedAnswers, read_answers, suggested_filename
from ..model import Rubric
from ..typed_text import well_formed
from ..view import DiagnosisView, build_view
from .boundary import Boundary
from .connection import script_output
from .html import data_link, render, script
from .limits import CharacterCount
from .state import EDITS, AppState, Change, Event
from .timezone import TimeZoneProbe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FilesView:
    def __init__(self, rubric: Rubric, state: AppState, boundary: Boundary, *,
                 on_resumed: Callable[[], None] = lambda: None):
        """`on_resumed`: called after a file's answers replaced the page's (to show where to go on)."""
        t = rubric.texts
        self._rubric = rubric
        self._state = state
        self._on_resumed = on_resumed
        self._pending: LoadedAnswers | None = None
        """A file read and waiting for the official to confirm it replaces the current answers."""
        heading = w.HTML(render("heading", text=t.get("app.archivos_titulo")))
        intro = w.HTML(render("paragraph", text=t.get("app.archivos_ayuda")))
        self.label = w.Text(value=well_formed(state.label), description=t.get("app.etiqueta"),
                            placeholder=t.get("app.etiqueta_placeholder"), continuous_update=False,
                            layout=w.Layout(width="100%"), style={"description_width": "initial"})
        self.label.add_class("autodiag-label-input")
        self.label_counter = CharacterCount(t, MAX_LABEL_CHARS)
        self.answers_link = w.HTML()
        self.answers_link.add_class("autodiag-answers-download")
        self.report_links = w.HTML()
        self.report_links.add_class("autodiag-report-downloads")
        self.resume = w.FileUpload(accept=".json,application/json", multiple=False,
                                   description=t.get("app.subir_respuestas"), icon="upload",
                                   tooltip=t.get("app.subir_respuestas"))
        self.resume.add_class("autodiag-upload-resume")
        self.previous = w.FileUpload(accept=".json,application/json", multiple=False,
                                     description=t.get("app.subir_anterior"), icon="upload",
                                     tooltip=t.get("app.subir_anterior"))
        self.previous.add_class("autodiag-upload-compare")
        self.message = w.HTML()
        self.message.add_class("autodiag-message")
        self.confirm_text = w.HTML()
        self.replace = w.Button(description=t.get("app.reemplazar"), tooltip=t.get("app.reemplazar"),
                                button_style="danger")
        self.replace.add_class("autodiag-resume-replace")
        self.cancel = w.Button(description=t.get("app.cancelar"), tooltip=t.get("app.cancelar"))
        self.cancel.add_class("autodiag-resume-cancel")
        confirm_buttons = w.HBox([self.replace, self.cancel])
        confirm_buttons.add_class("autodiag-wrap")
        self.confirm = w.VBox([self.confirm_text, confirm_buttons], layout=w.Layout(width="100%", display="none"))
        self.confirm.add_class("autodiag-resume-confirm")
        resume_row = w.VBox([w.HTML(render("paragraph", text=t.get("app.subir_respuestas_ayuda"))), self.resume])
        compare_row = w.VBox([w.HTML(render("paragraph", text=t.get("app.subir_anterior_ayuda"))), self.previous])
        # the upload buttons read «Retomar desde un archivo», not «… (0)»; the reports' dates in the official's zone
        self.upload_labels = script_output(script("uploads", {
            "buttons": ".autodiag-app .autodiag-upload-resume, .autodiag-app .autodiag-upload-compare, "
                       ".autodiag-app .autodiag-upload-merge"}),
            "autodiag-upload-labels")
        self.time_zone = TimeZoneProbe(state, boundary)
        self.root = w.VBox([heading, intro, self.label, self.label_counter.root, self.answers_link, self.report_links,
                            self.message, self.confirm, resume_row, compare_row, self.upload_labels,
                            self.time_zone.root], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-files")
        self.root.add_class("autodiag-panel")

        self.label.observe(boundary.guard(self._on_label), names="value")
        self.resume.observe(boundary.guard(self._on_resume), names="value")
        self.previous.observe(boundary.guard(self._on_previous), names="value")
        self.replace.on_click(boundary.guard(lambda _: self._confirm_resume(True)))
        self.cancel.on_click(boundary.guard(lambda _: self._confirm_resume(False)))
        boundary.on_error(self._settle_reports)
        self._reported: tuple[DiagnosisView, str] | None = None
        """The view (and chart, SVG) whose reports the links offer, or None."""
        self._unobserve = state.observe(self._on_state)
        self._refresh_answers()
        self.clear_reports()

    # -- the label -------------------------------------------------------------------------
    def _on_label(self, change) -> None:
        fits = self.label_counter.show(change.new)
        if change.new == well_formed(self._state.label):
            return
        if fits and self._state.set_label(change.new) and change.new != well_formed(change.new):
            self.label.value = well_formed(change.new)

    # -- downloads -------------------------------------------------------------------------
    def _on_state(self, change: Change) -> None:
        if change.kind in (Event.LABEL, Event.PLAN) and self._reported is not None:
            self._refresh_answers()
            self._relabel_reports()
        elif change.kind in EDITS:
            self._refresh_answers()
            self.clear_reports()
        if change.kind in (Event.RESTORE, Event.LABEL):
            self.label.value = well_formed(self._state.label)
            self.label_counter.show(self.label.value)
        if change.kind == Event.PREVIOUS:
            self.clear_reports()

    def _refresh_answers(self) -> None:
        t = self._rubric.texts
        data = self._state.answers_file().to_bytes()
        link = data_link("respuestas", suggested_filename("respuestas", "json"), "application/json", data,
                         t.get("app.descargar_respuestas"))
        self.answers_link.value = render("downloads", links=[link], note="")

    def clear_reports(self) -> None:
        self._reported = None
        self.report_links.value = render("downloads", links=[], note=self._rubric.texts.get("app.reportes_pendientes"))

    def set_reports(self, view: DiagnosisView, chart_svg: str) -> None:
        """Links to the reports of `view` (called once its results are on screen; a note says they
        are being prepared meanwhile). `chart_svg` is the chart the results show."""
        self.report_links.value = render("downloads", links=[], note=self._rubric.texts.get("app.reportes_preparando"))
        self._show_reports(view, chart_svg)

    def _relabel_reports(self) -> None:
        """The reports on offer, rebuilt with the new label and plan (the links stay until replaced)."""
        assert self._reported is not None
        view, chart_svg = self._reported
        state = self._state
        fresh = build_view(self._rubric, state.diagnosis(), state.answers_file(), previous=state.previous_diagnosis(),
                           previous_file=state.previous, zone=state.time_zone)
        self._show_reports(dataclasses.replace(view, label=fresh.label, label_line=fresh.label_line, plan=fresh.plan,
                                               followup=fresh.followup), chart_svg)

    def _show_reports(self, view: DiagnosisView, chart_svg: str) -> None:
        from ..report import render_csv, render_html, render_pdf
        from ..workbook import render_xlsx

        t = self._rubric.texts
        links = [
            data_link("html", suggested_filename("reporte", "html"), "text/html",
                      render_html(view, chart_svg).encode("utf-8"), t.get("app.descargar_html")),
            data_link("pdf", suggested_filename("reporte", "pdf"), "application/pdf", render_pdf(view),
                      t.get("app.descargar_pdf")),
            data_link("csv", suggested_filename("resultados", "csv"), "text/csv", render_csv(view).encode("utf-8"),
                      t.get("app.descargar_csv")),
            data_link("xlsx", suggested_filename("plan", "xlsx"), XLSX, render_xlsx(view, t),
                      t.get("mi_plan.descargar_xlsx")),
        ]
        self.report_links.value = render("downloads", links=links, note="")
        self._reported = (view, chart_svg)

    def _settle_reports(self) -> None:
        """After a failure: no "being prepared" note left on screen."""
        if self._rubric.texts.get("app.reportes_preparando") in self.report_links.value:
            self.clear_reports()

    # -- uploads ---------------------------------------------------------------------------
    def _read_upload(self, upload: w.FileUpload) -> LoadedAnswers | None:
        """The validated contents of the uploaded file, or None (the message says why)."""
        if not upload.value:
            return None
        content = bytes(upload.value[0]["content"])
        upload.value = ()  # so the same file can be chosen again
        try:
            return read_answers(content, self._rubric)
        except AnswersFileError as error:
            self.show_message(self._rubric.texts.get("app.archivo_rechazado", mensaje=error.message), error=True)
            return None

    def _on_resume(self, change) -> None:
        loaded = self._read_upload(self.resume)
        if loaded is None:
            return
        if not self._state.answers and not self._state.plan:  # nothing to lose: no question
            self._resume(loaded)
            return
        self._pending = loaded
        self.message.value = ""
        name = change.new[0]["name"] if change.new else ""
        self.confirm_text.value = render("message", text=well_formed(self._rubric.texts.get(
            "app.reemplazar_pregunta", n=len(self._state.answers), m=len(loaded.answers.answers),
            archivo=name)), notices=[], error=True)
        self.confirm.layout.display = ""

    def _confirm_resume(self, replace: bool) -> None:
        loaded, self._pending = self._pending, None
        self.confirm.layout.display = "none"
        self.confirm_text.value = ""
        if loaded is None:
            return
        if replace:
            self._resume(loaded)
        else:
            self.show_message(self._rubric.texts.get("app.reemplazo_cancelado"))

    def _resume(self, loaded: LoadedAnswers) -> None:
        self._state.restore(loaded.answers)
        self.show_message(self._rubric.texts.get("app.cargado", n=len(loaded.answers.answers)), loaded.notices)
        self._on_resumed()

    def _on_previous(self, change) -> None:
        loaded = self._read_upload(self.previous)
        if loaded is not None:  # the message first: with the results on screen it moves to the comparison
            self.show_message(self._rubric.texts.get("app.anterior_cargado", n=len(loaded.answers.answers)),
                              loaded.notices)
            self._state.set_previous(loaded.answers, tuple(loaded.notices))

    def show_message(self, text: str, notices=(), *, error: bool = False) -> None:
        self.message.value = render("message", text=well_formed(text), notices=[well_formed(n) for n in notices],
                                    error=error)

    def too_big_message(self) -> str:
        """The message the page shows for a file over the size cap (``{tamano}`` filled in the page)."""
        t = self._rubric.texts
        return t.get("app.archivo_rechazado", mensaje=t.get("errores_archivo.muy_grande", tamano="{tamano}",
                                                             maximo=MAX_BYTES // 1024))

    def close(self) -> None:
        self._unobserve()
        self.label_counter.close()
        self.time_zone.close()
        self.upload_labels.close()
        self.root.close()
