"""The results chart (`autodiag.chart`): an SVG drawn from a template, the same in the app, the
HTML report and the PDF; an image with a text alternative that states each component's score,
level and risk in the content's words; bars as long as the scores, in the risks' colours; text
that keeps its size on a phone. And the PDF's process (`autodiag.pdf`): the report's kernel holds
neither matplotlib, pandas nor Typst, and a failing compilation says so."""

from __future__ import annotations

import io
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

import autodiag
from autodiag import pdf
from autodiag.chart import FONT_SIZE, chart_svg
from autodiag.report import render_html, render_pdf
from autodiag.view import build_view
from helpers import loaded_after

SVG = "{http://www.w3.org/2000/svg}"
PROFILE = ("si", "parcial", "no", "nose", "si", "si", "no")


@pytest.fixture(scope="module")
def view(rubric):
    answers = autodiag.new_answers(rubric, {q.id: PROFILE[i % len(PROFILE)] for i, q in enumerate(rubric.questions)})
    return build_view(rubric, autodiag.score(rubric, answers), answers)


def said(rubric, diagnosis_view, component) -> str:
    """What the text alternative says of `component`, in the content's words."""
    c = diagnosis_view.component(component.id)
    return rubric.texts.get("resultados.grafica_componente", nombre=component.name, puntaje=c.score,
                            nivel=c.level, riesgo=c.risk)


def test_the_chart_is_an_image_named_by_its_title_and_described_component_by_component(rubric, view):
    svg = ET.fromstring(chart_svg(view))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == rubric.texts.get("resultados.grafica_titulo")
    for component in rubric.components:
        assert said(rubric, view, component) in desc.text
    assert view.chart.alt.startswith(title.text) and desc.text in view.chart.alt, "the PDF's alt says the same"


def test_each_bar_is_as_long_as_its_score_in_its_risks_colour(rubric, view):
    svg = ET.fromstring(chart_svg(view))
    bars = [r for r in svg.iter(f"{SVG}rect")]
    assert len(bars) == len(rubric.components)
    for bar, component in zip(bars, view.components):
        assert float(bar.get("width").rstrip("%")) == pytest.approx(component.exact_score, abs=0.01)
        assert bar.get("fill") == rubric.risk(component.risk_id).color
    texts = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    for component in view.components:
        assert rubric.texts.get("resultados.grafica_valor", puntaje=component.score, nivel=component.level) in texts
        assert component.short_name in texts
    cuts = {line.get("x1") for line in svg.iter(f"{SVG}line") if line.get("stroke-dasharray")}
    assert cuts == {f"{cut:.2f}%" for cut in rubric.thresholds.risk_cuts}


def test_on_screen_the_text_keeps_its_size_at_any_width(view):
    """No viewBox: the drawing is as wide as its box and the text is not scaled down on a phone."""
    svg = ET.fromstring(chart_svg(view))
    assert svg.get("viewBox") is None and svg.get("width") == "100%" and svg.get("font-size") == str(FONT_SIZE)
    printed = ET.fromstring(chart_svg(view, print_size=True))
    assert printed.get("width").isdigit() and printed.get("font-family") == "DejaVu Sans"


def test_what_the_user_typed_never_reaches_the_chart_and_its_texts_are_escaped(rubric, view):
    import dataclasses

    chart = dataclasses.replace(view.chart, title="<script>alert(1)</script> & «x»")
    svg = chart_svg(dataclasses.replace(view, chart=chart))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)  # still well-formed


def test_the_html_report_and_the_pdf_show_the_same_chart(rubric, view):
    html = render_html(view)
    assert chart_svg(view) in html
    reader = PdfReader(io.BytesIO(render_pdf(view)))
    first = " ".join(reader.pages[0].extract_text().split())
    assert rubric.texts.get("resultados.grafica_titulo") in first
    for component in view.components:  # the chart's labels are text in the PDF too
        assert f"{component.short_name} {component.score} · {component.level}" in first


def test_reports_load_neither_matplotlib_pandas_nor_typst_in_the_caller():
    code = ("import autodiag; from autodiag.view import build_view; from autodiag.report import render_html, "
            "render_pdf, render_csv; r = autodiag.load_rubric(); a = autodiag.new_answers(r, {}); "
            "v = build_view(r, autodiag.score(r, a.answers), a); "
            "assert render_pdf(v).startswith(b'%PDF') and render_html(v) and render_csv(v)")
    assert loaded_after(code, ("matplotlib", "pandas", "numpy", "typst")) == []


def children() -> set[str]:
    """This process's child processes (Linux)."""
    return set(Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split())


def test_a_failing_compilation_raises_with_typsts_message_and_leaves_no_process(view, monkeypatch):
    before = children()
    monkeypatch.setattr(pdf, "_template", lambda: b"#let view = json(bytes(sys.inputs.view))\n#view.no_such_key")
    with pytest.raises(pdf.PdfError, match=re.compile("no_such_key|does not contain", re.IGNORECASE)):
        pdf.render_pdf(view)
    assert children() == before


def test_the_process_started_ahead_compiles_the_next_report(view):
    pdf.warm_up()
    waiting = pdf._waiting
    assert waiting is not None and waiting.poll() is None
    assert pdf.render_pdf(view).startswith(b"%PDF")
    assert waiting.returncode == 0, "the report came from the process started ahead"
    assert pdf._waiting is None, "and no other waits"
    assert str(waiting.pid) not in children(), "it is gone"
