"""Saving, resuming and comparing: download links and uploads, all in memory.

Downloads are `<a download href="data:…">` links whose data is regenerated when the state
changes: the file is built in the kernel's memory and travels to the browser inside the
link, so nothing is written on the server. Uploads are read from the widget's value.
A refused file shows one Spanish message and leaves the state untouched.
"""

from __future__ import annotations

import ipywidgets as w

from ..answers import AnswersFileError, read_answers, suggested_filename
from ..model import Rubric
from ..scoring import Diagnosis
from .html import data_link, render
from .state import AppState, Change


class FilesView:
    def __init__(self, rubric: Rubric, state: AppState):
        t = rubric.texts
        self._rubric = rubric
        self._state = state
        heading = w.HTML(render("heading", text=t.get("app.archivos_titulo")))
        intro = w.HTML(render("paragraph", text=t.get("app.archivos_ayuda")))
        self.label = w.Text(value=state.label, description=t.get("app.etiqueta"),
                            placeholder=t.get("app.etiqueta_placeholder"), continuous_update=False,
                            layout=w.Layout(width="100%"), style={"description_width": "initial"})
        self.label.add_class("autodiag-label-input")
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
        resume_row = w.VBox([w.HTML(render("paragraph", text=t.get("app.subir_respuestas_ayuda"))), self.resume])
        compare_row = w.VBox([w.HTML(render("paragraph", text=t.get("app.subir_anterior_ayuda"))), self.previous])
        self.root = w.VBox([heading, intro, self.label, self.answers_link, self.report_links, self.message,
                            resume_row, compare_row], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-files")
        self.root.add_class("autodiag-panel")

        self.label.observe(lambda change: state.set_label(change.new), names="value")
        self.resume.observe(self._on_resume, names="value")
        self.previous.observe(self._on_previous, names="value")
        self._unobserve = state.observe(self._on_state)
        self._refresh_answers()
        self.clear_reports()

    # -- downloads -------------------------------------------------------------------------
    def _on_state(self, change: Change) -> None:
        if change.kind in ("answer", "note", "label", "restore"):
            self._refresh_answers()
            self.clear_reports()
        if change.kind == "restore":
            self.label.value = self._state.label
        if change.kind == "previous":
            self.clear_reports()

    def _refresh_answers(self) -> None:
        t = self._rubric.texts
        data = self._state.answers_file().to_bytes()
        link = data_link("respuestas", suggested_filename("respuestas", "json"), "application/json", data,
                         t.get("app.descargar_respuestas"))
        self.answers_link.value = render("downloads", links=[link], note="")

    def clear_reports(self) -> None:
        self.report_links.value = render("downloads", links=[], note=self._rubric.texts.get("app.reportes_pendientes"))

    def set_reports(self, diagnosis: Diagnosis) -> None:
        """Links to the reports of `diagnosis` (called once its results are on screen; a note says they
        are being prepared meanwhile)."""
        from ..report import report_html, report_pdf, results_csv

        t, rubric, state = self._rubric.texts, self._rubric, self._state
        self.report_links.value = render("downloads", links=[], note=t.get("app.reportes_preparando"))
        answers = state.answers_file()
        previous = state.previous_diagnosis()
        links = [
            data_link("html", suggested_filename("reporte", "html"), "text/html",
                      report_html(rubric, diagnosis, answers, previous=previous).encode("utf-8"),
                      t.get("app.descargar_html")),
            data_link("pdf", suggested_filename("reporte", "pdf"), "application/pdf",
                      report_pdf(rubric, diagnosis, answers, previous=previous), t.get("app.descargar_pdf")),
            data_link("csv", suggested_filename("resultados", "csv"), "text/csv",
                      results_csv(rubric, diagnosis).encode("utf-8"), t.get("app.descargar_csv")),
        ]
        self.report_links.value = render("downloads", links=links, note="")

    # -- uploads ---------------------------------------------------------------------------
    def _read_upload(self, upload: w.FileUpload):
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
        if loaded is not None:
            self._state.restore(loaded.answers)
            self.show_message(self._rubric.texts.get("app.cargado", n=len(loaded.answers.answers)), loaded.notices)

    def _on_previous(self, change) -> None:
        loaded = self._read_upload(self.previous)
        if loaded is not None:
            self._state.set_previous(loaded.answers)
            self.show_message(self._rubric.texts.get("app.anterior_cargado", n=len(loaded.answers.answers)),
                              loaded.notices)

    def show_message(self, text: str, notices=(), *, error: bool = False) -> None:
        self.message.value = render("message", text=text, notices=list(notices), error=error)

    def close(self) -> None:
        self._unobserve()
        self.root.close()
