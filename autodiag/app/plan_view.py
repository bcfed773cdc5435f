"""«Mi plan de acción»: the section below the results where a team turns recommendations into a plan.

`PlanSection` shows, once the results are drawn (`show(view)`):

- the recommendations of the results, by component, each with an «Agregar al plan» button (it reads
  «En el plan», disabled, once the recommendation is in the plan: never added twice);
- a box and a button to add an action of the person's own;
- one `ActionCard` per action of the plan: its text (starting from the recommendation's words; the
  recommendation stays linked), component and tier (fixed for a recommendation, chosen for an own
  action), área responsable, plazo, prioridad, indicador, estado and nota, and «Quitar del plan»;
- after «Quitar del plan», a message naming the action removed and «Deshacer», which puts it back,
  with everything typed in it, where it was (nothing typed is lost to a slip of the mouse);
- the seed's «Consideraciones importantes» beside the plan.

The plan itself lives in `AppState.plan` (so it travels in the answers file); the cards only edit it
through `AppState.set_plan` and follow it when it changes (a resumed file). Text boxes keep to the
limits of `autodiag.plan` with a visible count (`CharacterCount`; in the page, ``static/limits.js``
with the selectors of `autodiag.app.limits`). A text over its limit, or an action text left empty,
is not kept and the box says why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import ipywidgets as w
from markupsafe import Markup

from ..markup import static_text
from ..model import Rubric
from ..plan import (
    MAX_ACTIONS,
    MAX_AREA_CHARS,
    MAX_INDICATOR_CHARS,
    MAX_PLAN_NOTE_CHARS,
    MAX_TEXT_CHARS,
    Action,
    Estado,
    Plazo,
    Prioridad,
    action_from_recommendation,
    estado_label,
    next_action_id,
    plazo_label,
    prioridad_label,
)
from ..typed_text import well_formed
from ..view import DiagnosisView, RecommendationView
from .boundary import Boundary
from .html import render
from .limits import CharacterCount
from .state import AppState, Change, Event

TEXT_FIELDS = {"text": MAX_TEXT_CHARS, "area": MAX_AREA_CHARS, "indicador": MAX_INDICATOR_CHARS,
               "nota": MAX_PLAN_NOTE_CHARS}
"""The free-text fields of an action and their limits (those of the answers reader)."""
UNDO_EXCERPT = 80  # characters of the removed action's text named in the «Deshacer» message
_COLUMN = {"text": "accion", "area": "area", "indicador": "indicador", "nota": "nota", "component": "componente",
           "tier": "nivel", "plazo": "plazo", "prioridad": "prioridad", "estado": "estado"}
"""The key of ``plan.columnas`` (textos.yaml) that labels each field of an action."""


def _box_layout() -> w.Layout:
    return w.Layout(width="100%")


class TextField:
    """One free-text field with its label, its character count and a line for a refusal."""

    def __init__(self, rubric: Rubric, key: str, *, multiline: bool, value: str = "", placeholder: str = ""):
        t = rubric.texts
        kind = w.Textarea if multiline else w.Text
        extra = {"rows": 4 if key == "text" else 2} if multiline else {}
        self.key = key
        self.box = kind(value=well_formed(value), description=t.get(f"plan.columnas.{_COLUMN[key]}"),
                        placeholder=placeholder, continuous_update=False,
                        layout=_box_layout(), style={"description_width": "initial"}, **extra)
        self.counter = CharacterCount(t, TEXT_FIELDS[key])
        self.counter.show(self.box.value)
        self.problem = w.HTML()
        self.root = w.VBox([self.box, self.counter.root, self.problem], layout=_box_layout())
        for css in ("autodiag-plan-field", f"autodiag-plan-field-{key}"):
            self.root.add_class(css)

    def show(self, value: str) -> None:
        """Show `value` unless the box already shows it (spaces around it are not kept)."""
        shown = well_formed(value)
        if self.box.value.strip() != shown:
            self.box.value = shown
        self.counter.show(self.box.value)

    def close(self) -> None:
        self.counter.close()
        self.root.close()


class ActionCard:
    """The controls of one action, kept in step with `AppState.plan` in both directions."""

    def __init__(self, rubric: Rubric, state: AppState, boundary: Boundary, action: Action,
                 on_remove: Callable[[str], None]):
        t = rubric.texts
        self._rubric = rubric
        self._state = state
        self.action_id = action.id
        self.own = action.recommendation is None
        """An own action (component and tier chosen), not one from a recommendation (fixed)."""
        self.header = w.HTML()
        self.fields = {key: TextField(rubric, key, multiline=key != "area", value=getattr(action, key))
                       for key in TEXT_FIELDS}
        self.choices: dict[str, w.Dropdown] = {}
        if action.recommendation is None:  # an own action: component and tier are chosen
            none = t.get("mi_plan.sin_especificar")
            self.choices["component"] = self._dropdown(
                "component", [(none, ""), *((c.name, c.id) for c in rubric.components)], action.component)
            self.choices["tier"] = self._dropdown(
                "tier", [(none, ""), *((x.name, x.id) for x in rubric.tiers)], action.tier)
        self.choices["plazo"] = self._dropdown("plazo", [(plazo_label(t, p), p.value) for p in Plazo],
                                               action.plazo.value)
        self.choices["prioridad"] = self._dropdown(
            "prioridad", [(prioridad_label(t, p), p.value) for p in Prioridad], action.prioridad.value)
        self.choices["estado"] = self._dropdown("estado", [(estado_label(t, e), e.value) for e in Estado],
                                                action.estado.value)
        self.remove = w.Button(description=t.get("mi_plan.quitar"), icon="trash")
        self.remove.add_class("autodiag-plan-remove")
        own_choices = [self.choices[k] for k in ("component", "tier") if k in self.choices]
        chosen = w.HBox([*own_choices, self.choices["plazo"], self.choices["prioridad"], self.choices["estado"]],
                        layout=_box_layout())
        chosen.add_class("autodiag-wrap")
        chosen.add_class("autodiag-plan-choices")
        f = self.fields
        self.root = w.VBox([self.header, f["text"].root, chosen, f["area"].root, f["indicador"].root, f["nota"].root,
                            self.remove], layout=_box_layout())
        for css in ("autodiag-plan-action", f"autodiag-action-{action.id}"):
            self.root.add_class(css)
        for field in self.fields.values():
            field.box.observe(boundary.guard(lambda change, field=field: self._on_text(field, change.new)),
                              names="value")
        for key, dropdown in self.choices.items():
            dropdown.observe(boundary.guard(lambda change, key=key: self._on_choice(key, change.new)), names="value")
        self.remove.on_click(boundary.guard(lambda _: on_remove(self.action_id)))
        self.show(action, 1)

    def _dropdown(self, key: str, options: list[tuple[str, str]], value: str) -> w.Dropdown:
        dropdown = w.Dropdown(options=options, value=value, description=self._rubric.texts.get(
            f"plan.columnas.{_COLUMN[key]}"), style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"))
        dropdown.add_class(f"autodiag-plan-{key}")
        return dropdown

    # -- from the state --------------------------------------------------------------------
    def action(self) -> Action | None:
        return next((a for a in self._state.plan if a.id == self.action_id), None)

    def show(self, action: Action, number: int) -> None:
        """Show `action`, the `number`-th of the plan."""
        t = self._rubric.texts
        origin = t.get("mi_plan.origen", id=action.recommendation) if action.recommendation else t.get("plan.propia")
        components = {c.id: c.name for c in self._rubric.components}
        tiers = {x.id: x.name for x in self._rubric.tiers}
        fixed = [components.get(action.component, ""), tiers.get(action.tier, "")] if action.recommendation else []
        self.header.value = render("plan_action_header", title=t.get("mi_plan.accion", n=number),
                                   origin=" · ".join([origin, *(x for x in fixed if x)]))
        self.remove.tooltip = t.get("mi_plan.quitar_descripcion", n=number)
        for key, field in self.fields.items():
            field.show(getattr(action, key))
        values = {"component": action.component, "tier": action.tier, "plazo": action.plazo.value,
                  "prioridad": action.prioridad.value, "estado": action.estado.value}
        for key, dropdown in self.choices.items():
            if dropdown.value != values[key]:
                dropdown.value = values[key]

    # -- to the state ----------------------------------------------------------------------
    def _replace(self, **changes: object) -> None:
        action = self.action()
        if action is None:
            return
        new = dataclasses.replace(action, **changes)  # type: ignore[arg-type]
        self._state.set_plan(tuple(new if a.id == action.id else a for a in self._state.plan), action.id)

    def _on_text(self, field: TextField, typed: str) -> None:
        action = self.action()
        fits = field.counter.show(typed)
        field.problem.value = ""
        if action is None or typed.strip() == well_formed(getattr(action, field.key)):
            return  # nothing typed (the box shows the text as the page can)
        if not fits:
            return  # the count says by how much it is over; the kept text stays the last that fitted
        text = typed.strip()
        if field.key == "text" and not text:
            field.problem.value = render("message", text=self._rubric.texts.get("mi_plan.texto_vacio"), notices=[],
                                         error=True)
            return
        self._replace(**{field.key: text})

    def _on_choice(self, key: str, value: str) -> None:
        kinds = {"plazo": Plazo, "prioridad": Prioridad, "estado": Estado}
        self._replace(**{key: kinds[key](value) if key in kinds else value})

    def close(self) -> None:
        for field in self.fields.values():
            field.close()
        self.root.close()


class RecommendationRow:
    """One recommendation of the results with its «Agregar al plan» button."""

    def __init__(self, rubric: Rubric, rec: RecommendationView, group: str, on_add: Callable[[str], None],
                 boundary: Boundary):
        t = rubric.texts
        self.id = rec.id
        self.text = w.HTML(render("plan_recommendation", rec=rec, group=group))
        self.button = w.Button(description=t.get("mi_plan.agregar"), icon="plus",
                               tooltip=t.get("mi_plan.agregar_descripcion", id=rec.id))
        for css in ("autodiag-plan-add", f"autodiag-plan-add-{rec.id}"):
            self.button.add_class(css)
        self.button.on_click(boundary.guard(lambda _: on_add(rec.id)))
        self.root = w.VBox([self.text, self.button], layout=_box_layout())
        self.root.add_class("autodiag-plan-rec")

    def mark(self, in_plan: bool, full: bool, texts) -> None:
        self.button.description = texts.get("mi_plan.en_el_plan" if in_plan else "mi_plan.agregar")
        self.button.icon = "check" if in_plan else "plus"
        self.button.disabled = in_plan or full
        self.button.button_style = "success" if in_plan else ""


class PlanSection:
    """«Mi plan de acción»: hidden until the results are drawn (`show`)."""

    def __init__(self, rubric: Rubric, state: AppState, boundary: Boundary):
        t = rubric.texts
        self._rubric = rubric
        self._state = state
        self._boundary = boundary
        style = w.HTML(render("style", css=Markup(static_text("plan.css"))))
        intro = w.HTML(render("plan_intro", t=t))
        # the recommendations, by component: a toggle opens each component's list
        self.picker = w.VBox([], layout=_box_layout())
        self.picker.add_class("autodiag-plan-picker")
        self._rows: dict[str, RecommendationRow] = {}
        self._toggles: dict[str, w.ToggleButton] = {}
        self._lists: dict[str, w.VBox] = {}
        # an own action
        self.new_text = TextField(rubric, "text", multiline=True, placeholder=t.get("mi_plan.propia_placeholder"))
        self.new_text.box.description = t.get("mi_plan.propia_texto")
        self.new_text.root.add_class("autodiag-plan-new")
        self.add_own = w.Button(description=t.get("mi_plan.agregar_propia"), icon="plus",
                                tooltip=t.get("mi_plan.agregar_propia"))
        self.add_own.add_class("autodiag-plan-add-own")
        own = w.VBox([w.HTML(render("plan_subheading", text=t.get("mi_plan.propia_titulo"))), self.new_text.root,
                      self.add_own], layout=_box_layout())
        own.add_class("autodiag-plan-own")
        # the actions
        self.count = w.HTML()
        self.count.add_class("autodiag-plan-count")
        self.actions = w.VBox([], layout=_box_layout())
        self.actions.add_class("autodiag-plan-actions")
        self.cards: dict[str, ActionCard] = {}
        # the last action removed, and where it was, until «Deshacer» or another removal
        self._removed: tuple[int, Action] | None = None
        self.removed_text = w.HTML()
        self.undo = w.Button(description=t.get("mi_plan.deshacer"), icon="undo")
        self.undo.add_class("autodiag-plan-undo-button")
        self.undo_box = w.VBox([self.removed_text, self.undo], layout=w.Layout(width="auto", display="none"))
        self.undo_box.add_class("autodiag-plan-undo")
        self.considerations = w.HTML()
        self.considerations.add_class("autodiag-plan-considerations")
        main = w.VBox([w.HTML(render("plan_subheading", text=t.get("mi_plan.agregar_titulo"))),
                       w.HTML(render("paragraph", text=t.get("mi_plan.agregar_ayuda"))), self.picker, own,
                       w.HTML(render("plan_subheading", text=t.get("mi_plan.acciones_titulo"))), self.count,
                       self.undo_box, self.actions], layout=w.Layout(width="auto"))
        main.add_class("autodiag-plan-main")
        columns = w.HBox([main, self.considerations], layout=_box_layout())
        columns.add_class("autodiag-plan-columns")
        self.root = w.VBox([style, intro, columns], layout=w.Layout(width="100%", display="none"))
        for css in ("autodiag-plan", "autodiag-panel"):
            self.root.add_class(css)
        self.add_own.on_click(boundary.guard(lambda _: self._on_add_own()))
        self.undo.on_click(boundary.guard(lambda _: self._on_undo()))
        self.new_text.box.observe(boundary.guard(lambda change: self._on_new_text(change.new)), names="value")
        self._unobserve = state.observe(self._on_state)
        self._sync()

    # -- showing -----------------------------------------------------------------------------
    def show(self, view: DiagnosisView) -> None:
        """Show the section with the recommendations of `view` (the results just drawn)."""
        t = self._rubric.texts
        boxes = []
        for c in view.components:
            recs = [(g.title, r) for g in c.groups for r in g.items]
            if not recs:
                continue
            rows = []
            for group, rec in recs:
                if rec.id not in self._rows:
                    self._rows[rec.id] = RecommendationRow(self._rubric, rec, group, self.add_recommendation,
                                                           self._boundary)
                rows.append(self._rows[rec.id].root)
            if c.id not in self._toggles:
                toggle = w.ToggleButton(value=False, icon="list")
                toggle.add_class("autodiag-plan-toggle")
                toggle.add_class(f"autodiag-plan-toggle-{c.id}")
                listing = w.VBox([], layout=w.Layout(width="100%", display="none"))
                listing.add_class("autodiag-plan-recs")
                listing.add_class(f"autodiag-plan-recs-{c.id}")
                toggle.observe(self._boundary.guard(
                    lambda change, listing=listing: setattr(listing.layout, "display", "" if change.new else "none")),
                    names="value")
                self._toggles[c.id], self._lists[c.id] = toggle, listing
            toggle, listing = self._toggles[c.id], self._lists[c.id]
            key = "mi_plan.componente_una" if len(rows) == 1 else "mi_plan.componente"
            toggle.description = toggle.tooltip = t.get(key, nombre=c.name, n=len(rows))
            listing.children = tuple(rows)
            boxes.extend([toggle, listing])
        self.picker.children = tuple(boxes)
        self.considerations.value = render("considerations", view=view)
        self._sync()
        self.root.layout.display = ""

    def hide(self) -> None:
        self.root.layout.display = "none"

    # -- edits -------------------------------------------------------------------------------
    def add_recommendation(self, recommendation_id: str) -> None:
        """Add the recommendation to the plan (once): its words start the action's text."""
        plan = self._state.plan
        if any(a.recommendation == recommendation_id for a in plan):
            return
        action = action_from_recommendation(self._rubric, recommendation_id, next_action_id(plan))
        self._state.set_plan((*plan, action), action.id)

    def remove(self, action_id: str) -> None:
        """Take the action out of the plan, keeping it (and its place) for «Deshacer»."""
        plan = self._state.plan
        index = next((i for i, a in enumerate(plan) if a.id == action_id), None)
        if index is None:
            return
        if self._state.set_plan(plan[:index] + plan[index + 1:], action_id):
            self._removed = (index, plan[index])
            self._show_undo()

    def _on_undo(self) -> None:
        if self._removed is None:
            return
        index, action = self._removed
        plan = self._state.plan
        if any(a.id == action.id for a in plan):  # its id was given to an action added since
            action = dataclasses.replace(action, id=next_action_id(plan))
        if self._state.set_plan((*plan[:index], action, *plan[index:]), action.id):
            self._forget_removed()

    def _show_undo(self) -> None:
        t = self._rubric.texts
        if self._removed is None:
            return
        _, action = self._removed
        shown = well_formed(action.text)
        if len(shown) > UNDO_EXCERPT:
            shown = shown[:UNDO_EXCERPT].rstrip() + "…"
        self.removed_text.value = render("message", text=t.get("mi_plan.quitada", texto=shown), notices=[], error=False)
        self.undo.tooltip = t.get("mi_plan.deshacer_descripcion")
        self.undo.disabled = len(self._state.plan) >= MAX_ACTIONS
        self.undo_box.layout.display = ""

    def _forget_removed(self) -> None:
        self._removed = None
        self.undo_box.layout.display = "none"
        self.removed_text.value = ""

    def _on_new_text(self, typed: str) -> None:
        self.new_text.counter.show(typed)
        self.new_text.problem.value = ""

    def _on_add_own(self) -> None:
        t = self._rubric.texts
        text = self.new_text.box.value.strip()
        if not text or len(text) > MAX_TEXT_CHARS:
            if not text:
                self.new_text.problem.value = render("message", text=t.get("mi_plan.propia_vacia"), notices=[],
                                                     error=True)
            return
        plan = self._state.plan
        action = Action(id=next_action_id(plan), text=text)
        if self._state.set_plan((*plan, action), action.id):
            self.new_text.box.value = ""
            self.new_text.counter.show("")

    # -- following the state -----------------------------------------------------------------
    def _on_state(self, change: Change) -> None:
        if change.kind is Event.RESTORE:
            self._forget_removed()  # another file's plan: the action removed was of the plan replaced
        if change.kind in (Event.PLAN, Event.RESTORE):
            self._sync()
        if self._removed is not None:
            recommendation = self._removed[1].recommendation
            if recommendation and any(a.recommendation == recommendation for a in self._state.plan):
                self._forget_removed()  # its recommendation is in the plan again: nothing to put back
            else:
                self.undo.disabled = len(self._state.plan) >= MAX_ACTIONS

    def _sync(self) -> None:
        """Cards, buttons and the count as the state's plan says."""
        t = self._rubric.texts
        plan = self._state.plan
        for action_id in [i for i in self.cards if all(a.id != i for a in plan)]:
            self.cards.pop(action_id).close()
        for number, action in enumerate(plan, start=1):
            card = self.cards.get(action.id)
            if card is not None and card.own != (action.recommendation is None):  # a resumed file reused the id
                self.cards.pop(action.id).close()
                card = None
            if card is None:
                self.cards[action.id] = ActionCard(self._rubric, self._state, self._boundary, action, self.remove)
            self.cards[action.id].show(action, number)
        children = tuple(self.cards[a.id].root for a in plan)
        if self.actions.children != children:
            self.actions.children = children
        full = len(plan) >= MAX_ACTIONS
        in_plan = {a.recommendation for a in plan if a.recommendation}
        for rec_id, row in self._rows.items():
            row.mark(rec_id in in_plan, full, t)
        self.add_own.disabled = full
        self.count.value = render("plan_count", count=t.get("mi_plan.conteo", n=len(plan), maximo=MAX_ACTIONS),
                                  full=t.get("mi_plan.lleno", maximo=MAX_ACTIONS) if full else "",
                                  empty=t.get("mi_plan.vacio") if not plan else "")

    def close(self) -> None:
        self._unobserve()
        for card in self.cards.values():
            card.close()
        self.new_text.close()
        self.root.close()
