"""The comparison with an earlier diagnosis, on the results screen.

It shows what the earlier file is (its date in the official's zone, its label, and whether it is
complete: an incomplete one is a warning) and, per component, the change; a component the earlier
file answered too little of is not compared (`autodiag.view`). «Quitar comparación» removes it.

Choosing or removing an earlier file while the results are on screen redraws them (the
controller calls `ResultsView.redraw_comparison`): the page is then brought to this region
(``static/reveal.js``, focus on its heading), and the message of what changed is shown here,
where the official now looks, not at the top of the page nor in the files panel below.
"""

from __future__ import annotations

import ipywidgets as w

from ..model import Rubric
from ..typed_text import well_formed
from ..view import DiagnosisView
from .boundary import Boundary
from .html import render, script
from .state import AppState, Change, Event

REGION = "autodiag-comparison-region"
"""The region's CSS class (where the page is brought)."""


class ComparisonView:
    def __init__(self, rubric: Rubric, state: AppState, boundary: Boundary):
        t = rubric.texts
        self._texts = t
        self._state = state
        self.html = w.HTML()
        self.html.add_class("autodiag-comparison-html")
        self.message = w.HTML()
        self.message.add_class("autodiag-comparison-message")
        self.remove = w.Button(description=t.get("app.quitar_comparacion"), tooltip=t.get("app.quitar_comparacion"),
                               icon="times", layout=w.Layout(display="none", align_self="flex-start"))
        self.remove.add_class("autodiag-comparison-remove")
        self._reveal = w.Output(layout=w.Layout(height="0px", overflow="hidden"))
        self.root = w.VBox([self.message, self.html, self.remove, self._reveal], layout=w.Layout(width="100%"))
        self.root.add_class(REGION)
        self._pending: tuple[str, tuple[str, ...]] | None = None
        """The message (and notices) of the last change of the earlier file, shown at the next drawing."""
        self.remove.on_click(boundary.guard(lambda _: state.set_previous(None)))
        self._unobserve = state.observe(self._on_state)

    def _on_state(self, change: Change) -> None:
        if change.kind == Event.PREVIOUS:
            previous = self._state.previous
            self._pending = ((self._texts.get("app.anterior_cargado_aqui", n=len(previous.answers)),
                              self._state.previous_notices) if previous
                             else (self._texts.get("app.comparacion_quitada"), ()))

    def show(self, view: DiagnosisView) -> None:
        """Draw the comparison of `view` (nothing when it has none), with the message of a change just made."""
        self.html.value = render("comparison", view=view)
        self.remove.layout.display = "" if view.comparison else "none"
        text, notices = self._pending or ("", ())
        self.message.value = render("message", text=well_formed(text), notices=[well_formed(n) for n in notices],
                                    error=False)
        self._pending = None

    def reveal(self) -> None:
        """Bring the page to this region and its heading (in a browser; nothing without one)."""
        from IPython import get_ipython
        from IPython.display import Javascript, display

        if getattr(get_ipython(), "kernel", None) is None:  # no browser (tests, scripts)
            return
        self._reveal.clear_output()
        with self._reveal:
            display(Javascript(script("reveal", {"region": f".{REGION}",
                                                 "focus": ".autodiag-comparison-title"})))

    def close(self) -> None:
        self._unobserve()
        self.root.close()
