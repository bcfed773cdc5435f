"""The workshop dashboard: upload the participants' answers files, see the group's profile.

The last cell of ``notebooks/taller.ipynb`` displays it, so the notebook also works under
Voilà as a small dashboard. Uploaded files are read and validated in memory
(`autodiag.read_answers`): nothing is written to disk. A refused file is listed with the
reason and never discards the files already loaded.

Built like the app (`autodiag.app`): composition, one class per region of the screen, each
owning its widgets and closing them; callbacks call the package and set values; every text
comes from the content (``taller`` in textos.yaml) and the markup from templates
(``autodiag/workshop/templates``, autoescaped).

Usage::

    from autodiag.workshop import workshop_dashboard
    workshop_dashboard(rubric)            # an ipywidgets box
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as widgets

from .. import frames, plots
from ..answers import read_answers
from ..batch import BatchItem
from ..errors import AutodiagError
from ..model import Rubric, Texts
from ..scoring import score
from . import group

TAB_KEYS = ("validacion", "niveles", "participantes", "campos", "recomendaciones", "planes")
"""The tabs, in order; their titles are ``taller.pestanas.<key>``."""


@functools.cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("autodiag.workshop", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def render(name: str, **values: Any) -> str:
    """A template of ``autodiag/workshop/templates`` (``<name>.html.j2``), autoescaped."""
    return str(_environment().get_template(f"{name}.html.j2").render(**values)).strip()


def read_uploaded(name: str, data: bytes, rubric: Rubric) -> BatchItem:
    """Validate and score one uploaded file in memory: a scored item, or a refused one with its reason."""
    try:
        loaded = read_answers(data, rubric, name=name)
    except AutodiagError as exc:
        return BatchItem(name, error=exc.message)
    return BatchItem(name, loaded.answers, score(rubric, loaded.answers), notices=loaded.notices,
                     version=loaded.from_version)


def _table(frame: Any) -> str:
    return str(frame.to_html(escape=True, border=0, na_rep="", classes="autodiag-tabla"))


def _markup(html: str) -> Any:
    """HTML made here by pandas (every cell escaped): placed as it is by a template."""
    from markupsafe import Markup

    return Markup(html)


def _close_all(*roots: widgets.Widget) -> None:
    for root in roots:
        for child in getattr(root, "children", ()):
            _close_all(child)
        root.close()


class UploadBar:
    """The file picker (several .json at once) and the button that empties the dashboard."""

    def __init__(self, texts: Texts, on_files: Callable[[list[tuple[str, bytes]]], object],
                 on_clear: Callable[[], None]):
        self._on_files, self._on_clear = on_files, on_clear
        self.upload = widgets.FileUpload(accept=".json", multiple=True, description=texts.get("taller.subir"),
                                         icon="upload")
        self.clear = widgets.Button(description=texts.get("taller.vaciar"), icon="trash",
                                    tooltip=texts.get("taller.vaciar_ayuda"))
        self.root = widgets.HBox([self.upload, self.clear])
        self.upload.observe(self._uploaded, names="value")
        self.clear.on_click(self._cleared)

    def _uploaded(self, change: Any) -> None:
        files = [(f["name"], bytes(f["content"])) for f in change.new]
        if not files:
            return
        self.upload.value = ()  # drop the bytes; what was read lives in the dashboard's items
        self._on_files(files)

    def _cleared(self, _button: widgets.Button) -> None:
        self._on_clear()

    def close(self) -> None:
        self.upload.unobserve(self._uploaded, names="value")
        self.clear.on_click(self._cleared, remove=True)
        _close_all(self.root)


class StatusView:
    """What is loaded: a prompt before any file, then the counts and each refused file with its reason."""

    def __init__(self, texts: Texts):
        self._texts = texts
        self.root = widgets.HTML()

    def show(self, items: Iterable[BatchItem]) -> None:
        from markupsafe import Markup, escape

        items = list(items)
        valid, refused = [i for i in items if i.ok], [i for i in items if not i.ok]
        bold = Markup("<b>{}</b>")
        counts = Markup(escape(self._texts.get("taller.cargados"))).format(
            validos=bold.format(len(valid)), rechazados=bold.format(len(refused)))
        self.root.value = render("status", t=self._texts, loaded=bool(items), counts=counts, refused=refused)

    def close(self) -> None:
        self.root.close()


class GroupTabs:
    """The group's profile, one tab per view: validation, levels, participants, weakest fields, recommendations."""

    def __init__(self, rubric: Rubric):
        self._rubric = rubric
        self.validation = widgets.HTML()
        self.levels_table = widgets.HTML()
        self.levels_chart = widgets.Image(format="png")
        self.heatmap = widgets.Image(format="png")
        self.fields_table = widgets.HTML()
        self.fields_chart = widgets.Image(format="png")
        self.recommendations = widgets.HTML()
        self.plans = widgets.HTML()  # the group's action plans: chosen recommendations, plazos, estados
        self.root = widgets.Tab(children=[
            self.validation,
            widgets.VBox([self.levels_chart, self.levels_table]),
            self.heatmap,
            widgets.VBox([self.fields_chart, self.fields_table]),
            self.recommendations,
            self.plans,
        ], titles=[rubric.texts.get(f"taller.pestanas.{key}") for key in TAB_KEYS])

    def show(self, items: Iterable[BatchItem]) -> None:
        items = list(items)
        valid = [i for i in items if i.ok]
        rubric = self._rubric
        self.validation.value = _table(frames.validation_frame(items)) if items else ""
        self.root.layout.display = "" if items else "none"
        if not valid:
            for view in (self.levels_table, self.fields_table, self.recommendations, self.plans):
                view.value = ""
            for image in (self.levels_chart, self.heatmap, self.fields_chart):
                image.value = b""
            return
        levels = group.group_summary(valid, rubric)
        self.levels_table.value = _table(levels)
        self.levels_chart.value = plots.figure_png(
            plots.distribution_chart(levels, rubric, rubric.texts.get("taller.grafica_niveles")))
        self.heatmap.value = plots.figure_png(plots.participant_heatmap(valid, rubric))
        weakest = group.weakest_fields(valid, rubric, top=8)
        self.fields_table.value = _table(weakest)
        self.fields_chart.value = plots.figure_png(plots.weakest_fields_chart(weakest, rubric))
        self.recommendations.value = _table(group.top_recommendations(valid, rubric, top=10))
        t = rubric.texts
        self.plans.value = render("plans", overview=group.plans_overview(valid, rubric), sections=[
            (t.get("taller.planes_recomendaciones"), _markup(_table(group.top_plan_recommendations(valid, rubric)))),
            (t.get("taller.planes_plazos"), _markup(_table(group.plazo_spread(valid, rubric)))),
            (t.get("taller.planes_estados"), _markup(_table(group.plan_completion(valid, rubric)))),
        ])

    def close(self) -> None:
        _close_all(self.root)


class WorkshopDashboard:
    """The dashboard: a header, the `UploadBar`, the `StatusView` and the `GroupTabs`; `root` is the box to display."""

    def __init__(self, rubric: Rubric, items: Iterable[BatchItem] = ()):
        self.rubric = rubric
        self.items: dict[str, BatchItem] = {}
        self.header = widgets.HTML(render("header", t=rubric.texts))
        self.bar = UploadBar(rubric.texts, self.add_files, self.clear)
        self.status_view = StatusView(rubric.texts)
        self.group = GroupTabs(rubric)
        self.root = widgets.VBox([self.header, self.bar.root, self.status_view.root, self.group.root])
        self.add(items)

    # widgets the tests and notebooks reach directly
    @property
    def upload(self) -> widgets.FileUpload:
        return self.bar.upload

    @property
    def clear_button(self) -> widgets.Button:
        return self.bar.clear

    @property
    def status(self) -> widgets.HTML:
        return self.status_view.root

    @property
    def tabs(self) -> widgets.Tab:
        return self.group.root

    def __getattr__(self, name: str) -> Any:  # validation, levels_table, heatmap, …: the tabs' views
        if name in ("validation", "levels_table", "levels_chart", "heatmap", "fields_table", "fields_chart",
                    "recommendations", "plans"):
            return getattr(self.group, name)
        raise AttributeError(name)

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

    def refresh(self) -> None:
        self.status_view.show(self.items.values())
        self.group.show(self.items.values())

    def close(self) -> None:
        """Unwire the callbacks and close every widget this dashboard made."""
        self.bar.close()
        self.status_view.close()
        self.group.close()
        _close_all(self.header, self.root)

    @property
    def valid(self) -> list[BatchItem]:
        return [item for item in self.items.values() if item.ok]

    @property
    def refused(self) -> list[BatchItem]:
        return [item for item in self.items.values() if not item.ok]


def workshop_dashboard(rubric: Rubric, items: Iterable[BatchItem] = ()) -> widgets.VBox:
    """The dashboard's box (with a `FileUpload` for .json files), optionally preloaded with `items`."""
    return WorkshopDashboard(rubric, items).root
