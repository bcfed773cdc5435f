"""The first screen: what the tool is, what it is not, privacy, how long it takes.

Served by Voilà, the welcome text is not a widget: `welcome_html()` is shown as the plain HTML
output of the notebook's cell, before the app's widgets, so it does not wait for the widgets'
state to reach the page. The `WelcomeView` then holds only the start button and, once the
official leaves the welcome, hides that static block with a style (and shows it again on return).
Without the static block (`static_intro=False`: tests, scripts) the view shows the text itself.
The block is displayed with `STATIC_METADATA`, by which the repository's Voilà template
(share/jupyter/voila/templates/autodiag) writes it into the page itself, visible before any script
has run; with Voilà's own templates it is an ordinary HTML output.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Rubric
from .boundary import Boundary
from .html import render

STATIC_CLASS = "autodiag-static-welcome"
"""The static block's class; its own style sheet is autodiag/static/welcome.css."""
# Display metadata of an output the autodiag Voilà template writes into the page as it is.
STATIC_METADATA = {"autodiag": {"static": True}}


def welcome_html(rubric: Rubric) -> str:
    """The welcome text as one self-contained HTML block (no widget, no script)."""
    from markupsafe import Markup

    from ..markup import static_text

    return render("static_welcome", css=Markup(static_text("welcome.css")), cls=STATIC_CLASS, t=rubric.texts)


class WelcomeView:
    def __init__(self, rubric: Rubric, boundary: Boundary, on_start: Callable[[], None], *,
                 static_intro: bool = False):
        import ipywidgets as w

        t = rubric.texts
        self.static_intro = static_intro
        self.start = w.Button(description=t.get("app.comenzar"), button_style="primary",
                              tooltip=t.get("app.comenzar"), icon="arrow-right")
        self.start.add_class("autodiag-start")
        self.start.on_click(boundary.guard(lambda _: on_start()))
        # hides the static welcome block while another screen is shown (static_intro only)
        self.hider = w.HTML("", layout=w.Layout(display="none"))
        if static_intro:
            self.root = w.VBox([self.start], layout=w.Layout(width="100%"))
            self.root.add_class("autodiag-welcome-start")
        else:
            self._intro = w.HTML(render("welcome", t=t))
            self._intro.add_class("autodiag-welcome-text")
            self.root = w.VBox([self._intro, self.start], layout=w.Layout(width="100%"))
            self.root.add_class("autodiag-welcome")

    def shown(self, on_screen: bool) -> None:
        """The welcome is (or is no longer) the screen shown: show or hide the static block."""
        if self.static_intro:
            self.hider.value = "" if on_screen else render("hide_static", cls=STATIC_CLASS)

    def close(self) -> None:
        self.hider.close()
        self.root.close()
