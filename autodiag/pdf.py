"""Render a report view (`autodiag.report.report_view`) as PDF with fpdf2."""

from __future__ import annotations

import io
import os
from typing import Any

FONT = "DejaVu"


def _font_dir() -> str:
    import matplotlib

    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf")


def _hex_to_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    if len(color) != 6:
        return (80, 80, 80)
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def render_pdf(view: dict[str, Any]) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    t = view["t"]
    pdf = FPDF(format="Letter")
    pdf.set_title(view["title"])
    pdf.set_creator("autodiag")
    fonts = _font_dir()
    pdf.add_font(FONT, "", os.path.join(fonts, "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", os.path.join(fonts, "DejaVuSans-Bold.ttf"))
    pdf.add_font(FONT, "I", os.path.join(fonts, "DejaVuSans-Oblique.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    width = pdf.epw

    def para(text: str, size: float = 10, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(width, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(gap)

    def heading(text: str, size: float = 13) -> None:
        pdf.ln(2)
        para(text, size, "B", 1)

    para(view["title"], 16, "B", 1)
    para(view["generated"], 9)
    if view["label"]:
        para(view["label"], 9)
    para(view["not_an_evaluation"], 10)
    if view["incomplete"]:
        para(view["incomplete"], 10, "I")

    heading(t.get("resultados.titulo"))
    header = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    pdf.set_font(FONT, "", 9)
    with pdf.table(col_widths=(46, 18, 18, 18), headings_style=header, line_height=5) as table:
        table.row(["", t.get("resultados.nivel"), t.get("resultados.riesgo"), t.get("resultados.puntaje")])
        for c in view["components"]:
            row = table.row()
            row.cell(c["name"])
            row.cell(c["level"])
            row.cell(c["risk"], style=FontFace(emphasis="BOLD", color=_hex_to_rgb(c["risk_color"])))
            row.cell(str(c["score"]))
    if view["chart_png"]:
        pdf.ln(3)
        pdf.image(io.BytesIO(view["chart_png"]), w=width)

    if view["comparison"]:
        heading(t.get("reporte.comparacion"))
        pdf.set_font(FONT, "", 9)
        with pdf.table(col_widths=(40, 20, 20, 12), headings_style=header, line_height=5) as table:
            table.row(["", t.get("reporte.anterior"), t.get("reporte.actual"), t.get("reporte.cambio")])
            for row in view["comparison"]:
                table.row([row.name, f"{row.before_score:.0f} · {row.before_level}",
                           f"{row.after_score:.0f} · {row.after_level}", f"{row.change:+.0f}"])

    for c in view["components"]:
        pdf.add_page()
        heading(c["name"], 14)
        para(f'{t.get("resultados.nivel")}: {c["level"]} · {t.get("resultados.riesgo")}: {c["risk"]} · '
             f'{t.get("resultados.puntaje")}: {c["score"]}', 10, "B")
        para(c["level_description"], 9, "I")
        if c["unmet_minimums"]:
            para(t.get("resultados.minimos_incumplidos") + ":", 9, "B")
            for text in c["unmet_minimums"]:
                para(f"• {text}", 9, "", 1)
        if c["irregular"]:
            para(t.get("resultados.perfil_irregular"), 9, "I")
        heading(t.get("resultados.por_campo"), 11)
        pdf.set_font(FONT, "", 9)
        with pdf.table(col_widths=(50, 15, 18, 17), headings_style=header, line_height=5) as table:
            table.row([t.get("resultados.campo"), t.get("resultados.puntaje"),
                       t.get("resultados.preguntas_respondidas"), t.get("resultados.por_confirmar")])
            for f in c["fields"]:
                table.row([f["name"], str(f["score"]), f'{f["answered"]} / {f["total"]}', str(f["unknown"])])
        heading(t.get("resultados.recomendaciones"), 11)
        for g in c["groups"]:
            para(g["title"], 10, "B", 0.5)
            if not g["items"]:
                para(t.get("resultados.sin_recomendaciones"), 9, "I")
            for r in g["items"]:
                text = r["text"] + (f' {r["addition"]}' if r["addition"] else "")
                para(f'• {text} ({r["field"]} · {r["tier"]})', 9, "", 1)

    pdf.add_page()
    heading(view["considerations_title"])
    for point in view["considerations"]:
        para(f"• {point}", 9.5, "", 1)
    if view["has_addition"]:
        para(t.get("resultados.complemento_editorial"), 8.5, "I")

    heading(t.get("reporte.respuestas"))
    for c in view["components"]:
        para(c["name"], 10.5, "B", 0.5)
        pdf.set_font(FONT, "", 8.5)
        with pdf.table(col_widths=(60, 18, 22), headings_style=header, line_height=4.5) as table:
            table.row([t.get("reporte.pregunta"), t.get("reporte.respuesta"), t.get("reporte.nota")])
            for a in c["answers"]:
                question = a["text"] + (f'\n{t.get("reporte.fundamento")}: {a["fundamento"]}' if a["fundamento"] else "")
                table.row([question, a["answer"], a["note"]])
        pdf.ln(2)
    para(t.get("reporte.pie"), 8.5, "I")
    return bytes(pdf.output())
