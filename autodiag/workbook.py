"""The action plan and the results as an Excel workbook (``.xlsx``, openpyxl).

Two sheets, both rendered from one `autodiag.view.DiagnosisView` (the reports' view):

- **Plan**: one row per action, Spanish headers (``plan.columnas`` of textos.yaml), drop-down
  lists (data validation) for plazo, prioridad and estado, the header row frozen, readable
  widths, and a last column «Seguimiento» (whether each action's practices are in place,
  `autodiag.followup`); with no plan yet, the header and empty rows whose drop-downs a team can
  fill in;
- **Diagnóstico**: per component its level, risk, score and the legal minimums not met.

Every text cell is stored as text (never a formula), whatever it starts with: a label such as
``=HYPERLINK(…)`` stays text (the rule of `autodiag.csv_safe.FORMULA_STARTS`).
"""

from __future__ import annotations

import io
import re
from typing import Any

from .csv_safe import FORMULA_STARTS
from .model import Texts
from .plan import Estado, Plazo, Prioridad
from .view import PLAN_COLUMNS, DiagnosisView

PLAN_WIDTHS = {"id": 8, "accion": 60, "recomendacion": 16, "componente": 24, "nivel": 14, "area": 24,
               "plazo": 30, "prioridad": 12, "indicador": 40, "estado": 14, "nota": 40, "seguimiento": 40}
"""Column widths (characters) of the Plan sheet."""
EMPTY_ROWS = 50
"""Rows below the actions where the drop-downs still apply (a team adds actions in the sheet)."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
"""Characters an .xlsx cannot hold (openpyxl refuses them): shown as U+FFFD."""


def _text(value: str) -> str:
    return _ILLEGAL.sub("\ufffd", value)


def _put(ws: Any, row: int, col: int, value: object) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = _text(value)
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel's own mark of "this is text" (no visible apostrophe)
    else:
        cell.value = value


def _options(texts: Texts, key: str, values: list[str]) -> list[str]:
    return [texts.get(f"plan.{key}.{v}") for v in values]


def render_xlsx(view: DiagnosisView, texts: Texts) -> bytes:
    """The workbook of `view` (bytes of an .xlsx file)."""
    _import_openpyxl_alone()
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = texts.get("plan.hoja_plan")
    headers = [texts.get(f"plan.columnas.{key}") for key in PLAN_COLUMNS]
    follow = view.followup if view.followup is not None and not view.followup.of_previous else None
    if follow is not None:  # the plan's follow-up (autodiag.followup) as one more column
        headers.append(texts.get("seguimiento.columnas.seguimiento"))
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for col, header in enumerate(headers, start=1):
        _put(ws, 1, col, header)
        ws.cell(row=1, column=col).font = bold
        ws.column_dimensions[get_column_letter(col)].width = PLAN_WIDTHS[(*PLAN_COLUMNS, "seguimiento")[col - 1]]
    actions = view.plan.actions if view.plan else ()
    for row, action in enumerate(actions, start=2):
        for col, value in enumerate((action.id, action.text, action.origin, action.component, action.tier,
                                     action.area, action.plazo, action.prioridad, action.indicador, action.estado,
                                     action.nota, *([follow.status_of(action.id)] if follow else [])), start=1):
            _put(ws, row, col, value)
            ws.cell(row=row, column=col).alignment = wrap
    ws.freeze_panes = "A2"
    last = len(actions) + 1 + EMPTY_ROWS
    lists = {"plazo": _options(texts, "plazos", [p.value for p in Plazo]),
             "prioridad": _options(texts, "prioridades", [p.value for p in Prioridad]),
             "estado": _options(texts, "estados", [e.value for e in Estado])}
    for key, options in lists.items():
        letter = get_column_letter(PLAN_COLUMNS.index(key) + 1)
        quoted = ",".join(o.replace('"', "'") for o in options)
        dv = DataValidation(type="list", formula1=f'"{quoted}"', allow_blank=True, showDropDown=False,
                            showErrorMessage=True, errorTitle=headers[PLAN_COLUMNS.index(key)],
                            error=", ".join(options))
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)

    ds = wb.create_sheet(texts.get("plan.hoja_diagnostico"))
    keys = ("componente", "nivel", "riesgo", "puntaje", "minimos")
    for col, key in enumerate(keys, start=1):
        _put(ds, 1, col, texts.get(f"plan.diagnostico_columnas.{key}"))
        ds.cell(row=1, column=col).font = bold
        ds.column_dimensions[get_column_letter(col)].width = (30, 22, 12, 16, 80)[col - 1]
    for row, c in enumerate(view.components, start=2):
        cells: tuple[object, ...] = (c.name, c.level, c.risk, c.score, "\n".join(c.unmet_minimums))
        for col, cell in enumerate(cells, start=1):
            _put(ds, row, col, cell)
            ds.cell(row=row, column=col).alignment = wrap
    ds.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_OPTIONAL = ("numpy", "PIL")
"""Libraries openpyxl imports if it finds them (for numpy's number types and for images): a
workbook of text needs neither, and they would stay in the session's kernel (≈ 19 MiB)."""


def _import_openpyxl_alone() -> None:
    """Import openpyxl without its optional numpy and PIL (unless the process already has them):
    while it loads they read as absent (a ``None`` in `sys.modules` makes an import fail with
    ImportError, which openpyxl handles); afterwards they can be imported as usual."""
    import sys

    if "openpyxl" in sys.modules:
        return
    blocked = [name for name in _OPTIONAL if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import openpyxl  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
