"""The HTML report printed from Chromium with its default settings (no background graphics): the
risk still reads, by its word and in its colour, and nothing is white text on a background that
does not print. Also: at a phone's width the report is no wider than the screen."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

import autodiag
from autodiag.report import render_html
from autodiag.view import build_view

RISK_BADGE = ".autodiag-summary .autodiag-risk"


@pytest.fixture(scope="module")
def report(rubric):
    """A report with every risk band: one component per band, and a comparison."""
    profile = {}
    for q in rubric.questions:
        position = [c.id for c in rubric.components].index(q.component)
        medium = "si" if q.tier == "basico" else "no"  # básico covered, little else: «Medio»
        profile[q.id] = ("no", "si", medium, "si", "no")[position]
    long_word = "https://transparencia.ejemplo.gob.mx/" + "documento" * 25  # wider than a phone
    answers = autodiag.new_answers(rubric, profile, {rubric.questions[0].id: long_word}, "Ejercicio de marzo")
    diagnosis = autodiag.score(rubric, answers)
    assert {c.risk for c in diagnosis} == {r.id for r in rubric.risks}, "every band shown"
    view = build_view(rubric, diagnosis, answers, previous=autodiag.score(rubric, {}))
    return view, render_html(view)


def rgb(css: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", css)[:3])


def hex_rgb(color: str) -> tuple[int, ...]:
    return tuple(int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


def test_printed_with_default_settings_the_risk_reads_by_word_and_colour(page, report, rubric):
    view, html = report
    page.set_content(html)
    page.emulate_media(media="print")
    badges = page.locator(RISK_BADGE)
    assert badges.count() == len(view.components)
    for i, c in enumerate(view.components):
        style = badges.nth(i).evaluate("e => { const s = getComputedStyle(e); return {color: s.color, "
                                       "background: s.backgroundColor, border: s.borderTopColor, "
                                       "width: s.borderTopWidth, text: e.textContent}; }")
        assert style["text"] == c.risk, "the risk is written as a word"
        assert rgb(style["color"]) == hex_rgb(c.risk_color), "printed in its colour, not white"
        assert rgb(style["border"]) == hex_rgb(c.risk_color) and float(style["width"].rstrip("px")) >= 1.5, \
            "a border of its colour, which prints without background graphics"
        assert rgb(style["background"]) == (255, 255, 255), "nothing relies on a background"
    assert page.evaluate("() => [...document.styleSheets].some(s => [...s.cssRules].some("
                         "r => r.media && r.media.mediaText === 'print'))"), "@media print rules"
    assert page.evaluate("() => getComputedStyle(document.body).printColorAdjust") == "exact"

    pdf = page.pdf(format="Letter")  # Chromium's defaults: print_background=False
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for c in view.components:
        assert f"{c.name} {c.level} {c.risk} {c.score}" in text, f"{c.id}: level, risk and score in words"
    assert rubric.texts.get("reporte.comparacion") in text
    assert "(zona horaria America/Mexico_City)" in text
    assert len(reader.pages) >= 5


def test_on_screen_the_badge_keeps_its_filled_colour(page, report):
    view, html = report
    page.set_content(html)
    first = page.locator(RISK_BADGE).first
    background = first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert rgb(background) == hex_rgb(view.components[0].risk_color)
    assert rgb(first.evaluate("e => getComputedStyle(e).color")) == (255, 255, 255)


def test_at_a_phones_width_the_report_fits_the_screen(page, report, screenshots):
    _, html = report
    page.set_viewport_size({"width": 400, "height": 900})
    page.set_content(html)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    page.screenshot(path=str(screenshots / "reporte-html-400.png"), full_page=False)
    assert width <= 400, f"the report is {width} px wide at 400 px"
