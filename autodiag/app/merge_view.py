"""«Combinar archivos del equipo»: the app's control that joins the answers files of several areas.

A diagnosis is teamwork (issue 14, item 4): the transparency unit, the contraloría and the planning
area often answer their own components. In the files area the official uploads their answers files
(several at once, or one after another); they are read in memory (`autodiag.read_answers`, the same
limits and Spanish messages as the other uploads; their sizes together stay under the answers file's
cap, checked in the page by ``static/limits.js`` and here) and joined with this page's answers by
`autodiag.merge.merge_answers`, the function behind ``python -m autodiag merge``:

- answers to different questions join, notes keep their origin label (this page's stay as typed),
  plans join;
- where the files (or this page) answer the same question differently, each conflict is listed (the
  question's number and text, each file's label and answer) and the official chooses per question,
  or «Usar siempre …» one file; «Aplicar la combinación» then replaces the page's state with the
  joined file (`AppState.restore`), «Cancelar» drops the files.

Nothing the official entered is lost: a refused file, a cancel or a conflict left unchosen changes
nothing, and this page's answers are one of the sources joined (read again when applying, so an answer
given meanwhile is not lost either).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ipywidgets as w

from ..answers import MAX_BYTES, AnswersFile, AnswersFileError, read_answers
from ..merge import Conflict, MergeConflictError, Source, conflicts, merge_answers, source_name
from ..model import Rubric
from ..typed_text import well_formed
from .boundary import Boundary
from .html import render
from .state import AppState

MessageSink = Callable[..., None]
"""``show(text, notices=(), *, error=False)``: the files area's message (`FilesView.show_message`)."""


@dataclass(frozen=True)
class Uploaded:
    """A file read and validated, waiting to be joined."""

    name: str
    answers: AnswersFile
    notices: tuple[str, ...] = ()


class ConflictChoice:
    """One conflicting question: its number and text, and a radio group with each source's answer."""

    def __init__(self, rubric: Rubric, number: int, conflict: Conflict, names: Sequence[str]):
        t = rubric.texts
        options = {o.id: o.label for o in rubric.scale}
        self.question_id = conflict.question_id
        self.title = t.get("combinar.app_pregunta", numero=number, texto=rubric.question(conflict.question_id).text)
        given = dict(conflict.options)
        # the question is the radio group's label, laid out like the questionnaire's (class autodiag-options)
        self.radios = w.RadioButtons(
            options=[(well_formed(t.get("combinar.app_opcion", origen=name, respuesta=options.get(given[name],
                                                                                                   given[name]))), i)
                     for i, name in enumerate(names) if name in given],
            value=None, description=self.title, tooltip=self.title, layout=w.Layout(width="100%"),
            style={"description_width": "initial"})
        self.radios.add_class("autodiag-options")
        self.radios.add_class("autodiag-merge-choice")
        self.root = w.VBox([self.radios], layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-merge-conflict")

    @property
    def choice(self) -> int | None:
        value = self.radios.value
        return value if isinstance(value, int) else None

    def prefer(self, index: int) -> None:
        """Choose source `index`'s answer, if that source answered this question."""
        if any(value == index for _, value in self.radios.options):
            self.radios.value = index

    def close(self) -> None:
        self.root.close()
        self.radios.close()


class MergeView:
    """The merge control: help, the upload, and the list of conflicts to choose from."""

    def __init__(self, rubric: Rubric, state: AppState, boundary: Boundary, *, show_message: MessageSink,
                 on_merged: Callable[[], None] = lambda: None):
        t = rubric.texts
        self._rubric = rubric
        self._state = state
        self._show = show_message
        self._on_merged = on_merged
        self._boundary = boundary
        self.files: tuple[Uploaded, ...] = ()
        """Files read and waiting for the official to resolve their conflicts."""
        self.choices: tuple[ConflictChoice, ...] = ()
        self.result: AnswersFile | None = None
        """The last joined file applied to the page."""
        self.upload = w.FileUpload(accept=".json,application/json", multiple=True,
                                   description=t.get("combinar.app_subir"), icon="upload",
                                   tooltip=t.get("combinar.app_subir"))
        self.upload.add_class("autodiag-upload-merge")
        self.intro = w.HTML()
        self.always = w.HBox([])
        self.always.add_class("autodiag-wrap")
        self.list = w.VBox([], layout=w.Layout(width="100%"))
        self.apply = w.Button(description=t.get("combinar.app_aplicar"), tooltip=t.get("combinar.app_aplicar"),
                              button_style="primary")
        self.apply.add_class("autodiag-merge-apply")
        self.cancel = w.Button(description=t.get("combinar.app_cancelar"), tooltip=t.get("combinar.app_cancelar"))
        self.cancel.add_class("autodiag-merge-cancel")
        buttons = w.HBox([self.apply, self.cancel])
        buttons.add_class("autodiag-wrap")
        self.panel = w.VBox([self.intro, self.always, self.list, buttons],
                            layout=w.Layout(width="100%", display="none"))
        self.panel.add_class("autodiag-merge-conflicts")
        self.root = w.VBox([w.HTML(render("merge_title", text=t.get("combinar.app_titulo"))),
                            w.HTML(render("paragraph", text=t.get("combinar.app_ayuda"))), self.upload, self.panel],
                           layout=w.Layout(width="100%"))
        self.root.add_class("autodiag-merge")
        self.upload.observe(boundary.guard(self._on_upload), names="value")
        self.apply.on_click(boundary.guard(lambda _: self.apply_choices()))
        self.cancel.on_click(boundary.guard(lambda _: self.drop(cancelled=True)))

    # -- reading -----------------------------------------------------------------------------
    def _on_upload(self, change) -> None:
        if not change.new:
            return
        files = [(str(f["name"]), bytes(f["content"])) for f in change.new]
        self.upload.value = ()  # the bytes are not kept; the same files can be chosen again
        self.add_files(files)

    def add_files(self, files: Sequence[tuple[str, bytes]]) -> None:
        """Read (name, bytes) pairs; all must be valid, else nothing changes and the message says why."""
        t = self._rubric.texts
        total = sum(len(data) for _, data in files)
        if total > MAX_BYTES:
            self._show(t.get("combinar.app_no_combinado", mensaje=t.get(
                "errores_archivo.muy_grande", tamano=total // 1024, maximo=MAX_BYTES // 1024)), error=True)
            return
        read: list[Uploaded] = []
        for name, data in files:
            try:
                loaded = read_answers(data, self._rubric, name=name)
            except AnswersFileError as error:
                self._show(t.get("combinar.app_rechazado", archivo=name, mensaje=error.message), error=True)
                return
            read.append(Uploaded(name, loaded.answers, loaded.notices))
        self.files = (*self.files, *read)
        self._proceed()

    # -- joining -----------------------------------------------------------------------------
    def sources(self) -> list[Source]:
        """This page (first, notes as typed) and every file read, each with a distinct name."""
        t = self._rubric.texts
        sources = [Source(t.get("combinar.app_sesion"), self._state.answers_file(), tag_notes=False)]
        for f in self.files:
            name, n = source_name(f.answers, f.name), 2
            base = name
            while any(s.name == name for s in sources):
                name, n = f"{base} ({n})", n + 1
            sources.append(Source(name, f.answers))
        return sources

    def _proceed(self) -> None:
        """Apply at once when nothing conflicts; otherwise list the conflicts to choose from."""
        sources = self.sources()
        found = conflicts(sources)
        if not found:
            self._apply(sources, {})
            return
        self._show_conflicts(sources, found)

    def _show_conflicts(self, sources: Sequence[Source], found: Sequence[Conflict]) -> None:
        t = self._rubric.texts
        kept = {c.question_id: c.choice for c in self.choices if c.choice is not None}
        self._close_choices()
        names = [s.name for s in sources]
        self.choices = tuple(ConflictChoice(self._rubric, self._state.number(c.question_id), c, names)
                             for c in found)
        for choice in self.choices:
            if choice.question_id in kept:
                choice.prefer(kept[choice.question_id])
        self.intro.value = render("message", text=t.get("combinar.app_conflictos", n=len(found)), notices=[],
                                  error=False)
        buttons = []
        for i, name in enumerate(names):
            if any(name in dict(c.options) for c in found):
                button = w.Button(description=well_formed(t.get("combinar.app_usar_siempre", origen=name)),
                                  tooltip=well_formed(t.get("combinar.app_usar_siempre", origen=name)))
                button.add_class("autodiag-merge-always")
                button.on_click(self._boundary.guard(lambda _, i=i: self.prefer(i)))
                buttons.append(button)
        for old in self.always.children:
            old.close()
        self.always.children = tuple(buttons)
        self.list.children = tuple(c.root for c in self.choices)
        self.panel.layout.display = ""

    def prefer(self, index: int) -> None:
        """«Usar siempre …»: source `index`'s answer in every conflict it answered."""
        for choice in self.choices:
            choice.prefer(index)

    def apply_choices(self) -> None:
        """Join with the answers chosen (this page's answers read again now); a conflict unchosen: nothing changes."""
        if not self.files:
            return
        sources = self.sources()
        found = conflicts(sources)
        chosen = {c.question_id: c.choice for c in self.choices if c.choice is not None}
        missing = [c for c in found if c.question_id not in chosen
                   or dict(c.options).get(sources[chosen[c.question_id]].name) is None]
        if missing:
            self._show_conflicts(sources, found)
            self._show(self._rubric.texts.get("combinar.app_faltan", n=len(missing)), error=True)
            return
        self._apply(sources, {qid: i for qid, i in chosen.items() if any(c.question_id == qid for c in found)})

    def _apply(self, sources: Sequence[Source], choices: dict[str, int]) -> None:
        t = self._rubric.texts
        try:
            merged = merge_answers(self._rubric, sources, choices=choices)
        except MergeConflictError as error:
            self.drop()
            self._show(t.get("combinar.app_no_combinado", mensaje=error.message), error=True)
            return
        notices = [n for f in self.files for n in f.notices]
        count = len(self.files)
        self.drop()
        self.result = merged
        self._state.restore(merged)
        self._show(t.get("combinar.app_combinado", archivos=count, n=len(merged.answers), acciones=len(merged.plan)),
                   notices)
        self._on_merged()

    def drop(self, *, cancelled: bool = False) -> None:
        """Forget the files read and hide the conflicts (the page's answers untouched)."""
        had = bool(self.files)
        self.files = ()
        self._close_choices()
        for old in self.always.children:
            old.close()
        self.always.children = ()
        self.list.children = ()
        self.intro.value = ""
        self.panel.layout.display = "none"
        if cancelled and had:
            self._show(self._rubric.texts.get("combinar.app_cancelado"))

    def _close_choices(self) -> None:
        for choice in self.choices:
            choice.close()
        self.choices = ()

    def close(self) -> None:
        """Forget the files and close every widget of the control."""
        self.drop()
        _close_tree(self.root)


def _close_tree(widget: w.Widget) -> None:
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()
