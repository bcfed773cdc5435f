"""Reports: the HTML is standalone, complete and escapes what the user typed; the PDF opens."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

import autodiag
from autodiag.report import report_html, report_pdf, results_csv
from helpers import FIXTURES, all_answers

HOSTILE = FIXTURES / "answers" / "html-en-notas-y-etiqueta.json"


@pytest.fixture(scope="module")
def hostile(rubric):
    answers = autodiag.read_answers_file(HOSTILE, rubric).answers
    return answers, autodiag.score(rubric, answers)


def test_html_names_every_component_and_carries_the_considerations(rubric, hostile):
    html = report_html(rubric, hostile[1], hostile[0])
    for component in rubric.components:
        assert component.name in html
    assert "Consideraciones importantes" in html
    for point in rubric.texts.list("consideraciones.puntos"):
        assert point.split()[0] in html
    assert rubric.texts.get("presentacion.que_no_es") in html


def test_html_is_standalone_and_print_ready(rubric, hostile):
    html = report_html(rubric, hostile[1], hostile[0])
    assert not re.search(r'(src|href)="https?://', html), "no external resources"
    assert 'src="data:image/png;base64,' in html, "the chart is inlined"
    assert "@media print" in html


def test_html_escapes_notes_and_label(rubric, hostile):
    html = report_html(rubric, hostile[1], hostile[0])
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>negritas" not in html
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;Taller" in html


def test_html_lists_recommendations_by_group_with_the_editorial_addition_marked(rubric):
    answers = autodiag.new_answers(rubric, all_answers(rubric, "no"))
    html = report_html(rubric, autodiag.score(rubric, answers), answers)
    assert "Prioritarias (de su nivel actual)" in html and "Siguientes pasos" in html
    assert "Brindar materiales de apoyo" in html or "Desarrollar marcos institucionales" in html


def test_html_shows_a_comparison_with_an_earlier_diagnosis(rubric):
    before = autodiag.score(rubric, all_answers(rubric, "no"))
    answers = autodiag.new_answers(rubric, all_answers(rubric, "si"))
    html = report_html(rubric, autodiag.score(rubric, answers), answers, previous=before)
    assert "Comparación con un diagnóstico anterior" in html and "+100" in html


def test_pdf_opens_has_pages_and_keeps_spanish_text(rubric, hostile):
    data = report_pdf(rubric, hostile[1], hostile[0])
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 7
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for component in rubric.components:
        assert component.name in text
    assert "Consideraciones importantes" in text
    assert "<script>alert('xss')" in text and "<b>negritas</b>" in text, "notes printed as plain text"
    assert "<img src=x onerror=alert(1)>Taller" in text, "the label printed as plain text"


def test_results_csv_has_a_row_per_component_and_per_field(rubric):
    diagnosis = autodiag.score(rubric, all_answers(rubric, "parcial"))
    lines = results_csv(rubric, diagnosis).splitlines()
    assert lines[0].startswith("componente,campo,nivel,riesgo,puntaje")
    assert len(lines) == 1 + len(rubric.components) + sum(len(c.fields) for c in rubric.components)


def test_reports_show_each_fundamento_and_the_unmet_legal_minimums(mini):
    answers = {**all_answers(mini, "si"), "participacion_b1": "parcial"}
    doc = autodiag.new_answers(mini, answers)
    diagnosis = autodiag.score(mini, doc)
    html = report_html(mini, diagnosis, doc)
    assert html.count("Fundamento: Ley de prueba, art. 1") == len(mini.components)
    assert "Fundamento: Buena práctica (prueba)." in html
    assert html.count(mini.texts.get("resultados.minimos_incumplidos")) == 1
    assert "¿Obligación legal básica 1 de Participación?</li>" in html
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(mini, diagnosis, doc))).pages)
    assert "Ley de prueba, art. 1" in text and "Obligación legal básica 1 de Participación" in text
