"""Reports: the HTML is standalone, complete and escapes what the user typed; the PDF opens, is
numbered and holds the same results; the CSV is safe for spreadsheets; all three render one view
and never break on a valid answers file, however long its texts (a property test)."""

from __future__ import annotations

import csv
import io
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import autodiag
from autodiag.answers import MAX_LABEL_CHARS, MAX_NOTE_CHARS, AnswersFile
from autodiag.report import (
    ID_COLUMNS,
    render_csv,
    render_html,
    render_pdf,
    report_csv,
    report_html,
    report_pdf,
    write_report,
)
from autodiag.typed_text import well_formed
from autodiag.view import CSV_COLUMNS, DiagnosisView, build_view
from helpers import FIXTURES, all_answers

HOSTILE = FIXTURES / "answers" / "html-en-notas-y-etiqueta.json"


@pytest.fixture(scope="module")
def hostile(rubric):
    answers = autodiag.read_answers_file(HOSTILE, rubric).answers
    return answers, autodiag.score(rubric, answers)


def pdf_text(data: bytes) -> tuple[int, str]:
    """Page count and text (spaces collapsed; the invisible break points of long words dropped)."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\u200b", "")
    return len(reader.pages), " ".join(text.split())


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- what every report shows ---------------------------------------------------------------------
def test_html_names_every_component_and_carries_the_considerations(rubric, hostile):
    html = report_html(rubric, hostile[1], hostile[0])
    for component in rubric.components:
        assert component.name in html
    assert rubric.texts.get("consideraciones.titulo") in html
    for point in rubric.texts.list("consideraciones.puntos"):
        assert point in html
    assert rubric.texts.get("presentacion.que_no_es") in html


def test_html_is_standalone_and_print_ready(rubric, hostile):
    html = report_html(rubric, hostile[1], hostile[0])
    assert not re.search(r'(src|href)="https?://', html), "no external resources"
    assert re.search(r'<svg [^>]*role="img"', html), "the chart is inline (SVG), with its text alternative"
    assert "@media print" in html, "the style sheet (static/report.css) is inlined"


def test_html_escapes_notes_and_label(rubric, hostile):
    html = report_html(rubric, hostile[1], hostile[0])
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>negritas" not in html
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;Taller" in html


def test_the_editorial_addition_is_marked_after_the_seeds_words(rubric):
    completed = [r for r in rubric.recommendations if r.addition]
    assert completed, "the content completes one unfinished sentence of the seed"
    answers = autodiag.new_answers(rubric, all_answers(rubric, "no"))
    diagnosis = autodiag.score(rubric, answers)
    shown = [r for c in diagnosis for r in c.recommendations if r.addition]
    assert shown, "all «No» triggers it"
    html = report_html(rubric, diagnosis, answers)
    for rec in shown:
        assert f"{rec.text} <em>{rec.addition}</em>" in html.replace("&#39;", "'")
    assert rubric.texts.get("resultados.complemento_editorial") in html
    assert "Prioritarias (de su nivel actual)" in html and "Siguientes pasos" in html


def test_html_shows_a_comparison_with_an_earlier_diagnosis(rubric):
    before = autodiag.score(rubric, all_answers(rubric, "no"))
    answers = autodiag.new_answers(rubric, all_answers(rubric, "si"))
    html = report_html(rubric, autodiag.score(rubric, answers), answers, previous=before)
    assert rubric.texts.get("reporte.comparacion") in html
    assert html.count('class="autodiag-change">+100<') == len(rubric.components)


def test_pdf_opens_is_numbered_and_keeps_spanish_text(rubric, hostile):
    pages, text = pdf_text(report_pdf(rubric, hostile[1], hostile[0]))
    assert pages >= 7
    for component in rubric.components:
        assert component.name in text
    assert rubric.texts.get("consideraciones.titulo") in text
    assert "<script>alert('xss')" in text and "<b>negritas</b>" in text, "notes printed as plain text"
    assert "<img src=x onerror=alert(1)>Taller" in text, "the label printed as plain text"
    for n in (1, pages):
        assert rubric.texts.get("interfaz.pagina", n=n, total=pages) in text, "every page carries its number"


def test_results_csv_has_a_row_per_component_field_recommendation_and_answer(rubric, hostile):
    answers, diagnosis = hostile
    rows = csv_rows(report_csv(rubric, diagnosis, answers))
    assert list(rows[0]) == [rubric.texts.get(f"csv.columnas.{key}") for key in CSV_COLUMNS] + list(ID_COLUMNS)
    kinds = [r["tipo"] for r in rows]
    assert kinds.count("etiqueta") == 1
    assert kinds.count("componente") == len(rubric.components)
    assert kinds.count("campo") == sum(len(c.fields) for c in rubric.components)
    assert kinds.count("recomendacion") == sum(len(c.recommendations) for c in diagnosis)
    assert kinds.count("respuesta") == len(rubric.questions)
    notes = {r["id"]: r["Nota"] for r in rows if r["tipo"] == "respuesta" and r["Nota"]}
    assert notes == dict(answers.notes)


def test_the_csv_speaks_spanish_to_people_and_keeps_the_ids_for_analysts(rubric):
    profile = {q.id: ("si", "no", "nose", "parcial")[i % 4] for i, q in enumerate(rubric.questions)}
    profile.pop(rubric.questions[1].id)
    answers = autodiag.new_answers(rubric, profile, {rubric.questions[0].id: "Acta en la Gaceta"}, "Ejercicio")
    diagnosis = autodiag.score(rubric, answers)
    text = report_csv(rubric, diagnosis, answers)
    header, *lines = list(csv.reader(io.StringIO(text)))
    people = header[:len(CSV_COLUMNS)]
    assert people[:6] == ["Tipo de renglón", "Componente", "Campo", "Nivel", "Nivel de riesgo", "Puntaje (0 a 100)"]
    assert header[len(CSV_COLUMNS):] == list(ID_COLUMNS), "the ids, for analysts, at the right"
    shown = {line[0] for line in lines}
    assert shown == {rubric.texts.get(f"csv.tipos.{k}") for k in ("etiqueta", "componente", "campo", "recomendacion",
                                                                 "respuesta")}
    rows = csv_rows(text)
    for c in diagnosis:
        row = next(r for r in rows if r["tipo"] == "componente" and r["componente"] == c.component)
        assert row["Componente"] == rubric.component(c.component).name
        assert (row["Nivel"], row["Nivel de riesgo"]) == (rubric.tier(c.level).name, rubric.risk(c.risk).name)
        assert row["Perfil irregular"] in ("Sí", "No") and row["perfil_irregular"] in ("si", "no")
        assert (row["Perfil irregular"] == "Sí") == c.irregular == (row["perfil_irregular"] == "si")
    people_cells = {cell for line in lines for cell in line[:len(CSV_COLUMNS)]}
    assert not people_cells & {"False", "True", "basico", "intermedio", "avanzado", "alto", "medio", "bajo",
                               "participacion", "si", "nose", "prioritarias"}, "no ids where people read"
    first = next(r for r in rows if r["id"] == rubric.questions[0].id)
    assert (first["Núm."], first["Respuesta"], first["respuesta"], first["Nota"]) == ("1", "Sí", "si",
                                                                                       "Acta en la Gaceta")
    unanswered = next(r for r in rows if r["id"] == rubric.questions[1].id)
    assert (unanswered["Respuesta"], unanswered["respuesta"]) == (rubric.texts.get("reporte.sin_respuesta"), "")
    rec = next(r for r in rows if r["tipo"] == "recomendacion")
    assert rec["Grupo de recomendaciones"] == rubric.texts.get(f"resultados.grupos.{rec['grupo']}")
    assert rec["Nivel"] == rubric.tier(rec["nivel"]).name


def test_score_csv_without_answers_has_no_answer_rows(rubric):
    from autodiag.report import results_csv

    rows = csv_rows(results_csv(rubric, autodiag.score(rubric, all_answers(rubric, "parcial"))))
    assert [r["componente"] for r in rows[:5]] == [c.id for c in rubric.components]
    assert "respuesta" not in {r["tipo"] for r in rows}


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(rubric, start):
    formula = f"{start}HYPERLINK(\"http://x\",\"y\")"
    question = rubric.questions[0].id
    answers = autodiag.new_answers(rubric, {question: "si"}, {question: "x"}, "x")
    answers = AnswersFile(answers.rubric_id, answers.rubric_version, answers.answers, {question: formula}, formula)
    rows = csv_rows(report_csv(rubric, autodiag.score(rubric, answers), answers))
    label = next(r for r in rows if r["tipo"] == "etiqueta")["Texto"]
    note = next(r for r in rows if r["id"] == question)["Nota"]
    assert label == note == "'" + formula, "a leading apostrophe: the spreadsheet shows text"


def test_write_report_writes_each_format(rubric, hostile, tmp_path):
    answers, diagnosis = hostile
    html, pdf, table = (write_report(tmp_path / f"r.{ext}", rubric, diagnosis, answers)
                        for ext in ("html", "pdf", "csv"))
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert csv_rows(table.read_text(encoding="utf-8"))[0]["tipo"] == "etiqueta"
    with pytest.raises(ValueError):
        write_report(tmp_path / "r.docx", rubric, diagnosis, answers)
    assert not (tmp_path / "r.docx").exists()


# -- one view, three renderers that agree ---------------------------------------------------------
def results_of_html(html: str) -> dict[str, tuple[str, str, str]]:
    rows = re.findall(r'data-component="(\w+)" data-level="(\w+)" data-risk="(\w+)">\s*<th scope="row">[^<]*</th>'
                      r'<td class="autodiag-level">[^<]*</td>\s*<td>.*?</td>\s*<td class="autodiag-score">(\d+)</td>',
                      html, re.DOTALL)
    return {c: (level, risk, score) for c, level, risk, score in rows}


def recommendations_of_html(html: str) -> list[str]:
    return re.findall(r'data-recommendation="([^"]+)"', html)


def test_html_pdf_and_csv_show_the_same_levels_scores_and_recommendations(rubric):
    profile = {q.id: ("si", "parcial", "no", "nose", "si")[i % 5] for i, q in enumerate(rubric.questions)}
    answers = autodiag.new_answers(rubric, profile)
    diagnosis = autodiag.score(rubric, answers)
    view = build_view(rubric, diagnosis, answers)
    expected = {c.component: (c.level, c.risk, str(round(c.score))) for c in diagnosis}
    recs = [r.id for c in diagnosis for r in c.recommendations]

    html = render_html(view)
    assert results_of_html(html) == expected
    assert recommendations_of_html(html) == recs

    rows = csv_rows(render_csv(view))
    assert {r["componente"]: (r["nivel"], r["riesgo"], r["puntaje"]) for r in rows if r["tipo"] == "componente"} \
        == expected
    assert [r["id"] for r in rows if r["tipo"] == "recomendacion"] == recs

    _, text = pdf_text(render_pdf(view))
    for c in view.components:
        summary = f"{c.name} {c.level} {c.risk} {c.score}"
        assert summary in text, f"the PDF's summary row of {c.id}"
        for r in c.recommendations:
            assert " ".join(r.text.split()[:6]) in text


# -- reports never break on valid input ------------------------------------------------------------
ODD = ["😀", "👩🏽‍💻", "𝔘", "\U0010FFFD", "\ud800", "\udfff", "\u202e", "\u200b", "\x00", "\x07", "\n", "\r\n", "\t",
       "=", "+", "-", "@", "<b>", "</script>", "&amp;", "#let", "$", "*", "_", "`", "\\", "[", "]", "{", "}", "\"", "'",
       "ñ", "Ω", "ـ", "한", " ", "  "]
fragments = st.lists(st.one_of(st.sampled_from(ODD), st.text(min_size=1, max_size=12),
                               st.text(string.ascii_letters, min_size=1, max_size=60)), min_size=1, max_size=12)


def at_limit(parts: list[str], limit: int) -> str:
    """`parts` repeated to exactly `limit` characters (the longest text the answers reader accepts)."""
    seed = "".join(parts) or "x"
    return (seed * (limit // len(seed) + 1))[:limit]


@st.composite
def answers_files(draw, rubric) -> AnswersFile:
    answers = {q.id: option for q in rubric.questions
               if (option := draw(st.sampled_from([None, *(o.id for o in rubric.options_for(q))])))}
    longest = draw(st.booleans())
    notes = {}
    for q in rubric.questions:
        parts = draw(fragments)
        notes[q.id] = at_limit(parts, MAX_NOTE_CHARS) if longest else "".join(parts)[:MAX_NOTE_CHARS]
    label = at_limit(draw(fragments), MAX_LABEL_CHARS)
    return AnswersFile(rubric.id, rubric.version, answers, notes, label, "2026-01-01T00:00:00+00:00")


@pytest.mark.parametrize("case", ["nada-respondido", "todo-al-limite"])
def test_reports_render_the_extremes(rubric, case):
    if case == "nada-respondido":
        answers = autodiag.new_answers(rubric)
    else:
        answers = AnswersFile(rubric.id, rubric.version, all_answers(rubric, "nose"),
                              {q.id: "x" * MAX_NOTE_CHARS for q in rubric.questions}, "y" * MAX_LABEL_CHARS)
    check_every_format(rubric, answers)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_reports_never_break_on_a_valid_answers_file(rubric, data):
    check_every_format(rubric, data.draw(answers_files(rubric)))


def check_every_format(rubric, answers: AnswersFile) -> None:
    diagnosis = autodiag.score(rubric, answers)
    view = build_view(rubric, diagnosis, answers)
    assert isinstance(view, DiagnosisView)

    html = render_html(view)
    html.encode("utf-8")  # well-formed: a lone surrogate became U+FFFD
    assert results_of_html(html) == {c.id: (c.level_id, c.risk_id, str(c.score)) for c in view.components}

    pages, text = pdf_text(render_pdf(view))
    assert pages >= 7 and view.components[-1].name in text
    assert rubric.texts.get("interfaz.pagina", n=pages, total=pages) in text

    rows = csv_rows(render_csv(view))
    notes = {r["id"]: r["Nota"] for r in rows if r["tipo"] == "respuesta"}
    for q in rubric.questions:
        note = well_formed(answers.notes.get(q.id, ""))
        shown = notes[q.id]
        assert shown == note or shown == "'" + note, "every note is in the CSV, whole"


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


# -- reports people can use: local time, print, page layout ----------------------------------------
def test_the_report_says_the_officials_local_time_and_its_zone(rubric):
    from datetime import UTC, datetime

    answers = autodiag.new_answers(rubric, all_answers(rubric, "si"))
    diagnosis = autodiag.score(rubric, answers)
    at = datetime(2026, 12, 3, 19, 51, tzinfo=UTC)  # the server's clock; 13:51 in Mexico City
    view = build_view(rubric, diagnosis, answers, generated=at, zone="America/Mexico_City")
    assert "03/12/2026 a las 13:51, hora CST (zona horaria America/Mexico_City)" in view.generated
    assert "13:51, hora CST" in render_html(view)
    assert "13:51, hora CST (zona horaria America/Mexico_City)" in pdf_text(render_pdf(view))[1]
    assert "16:51, hora UTC−03:00 (zona horaria America/Sao_Paulo)" in build_view(
        rubric, diagnosis, answers, generated=at, zone="America/Sao_Paulo").generated
    default = rubric.texts.get("reporte.zona_horaria")
    for unknown in (None, "", "Marte/Olympus", "../../etc/passwd", "x" * 300):
        shown = build_view(rubric, diagnosis, answers, generated=at, zone=unknown).generated
        assert f"(zona horaria {default})" in shown, "unknown: the content's zone"


def test_the_pdf_is_numbered_unstretched_and_compact(rubric):
    profile = {q.id: ("si", "parcial", "no", "nose", "si")[i % 5] for i, q in enumerate(rubric.questions)}
    notes = {q.id: "Evidencia en la Gaceta Municipal, revisar con la unidad de transparencia."
             for q in rubric.questions[::7]}
    answers = autodiag.new_answers(rubric, profile, notes, "Ejercicio de marzo")
    reader = PdfReader(io.BytesIO(report_pdf(rubric, autodiag.score(rubric, answers), answers)))
    texts = [page.extract_text() for page in reader.pages]
    total = len(texts)
    for n, text in enumerate(texts, start=1):
        assert rubric.texts.get("interfaz.pagina", n=n, total=total) in text, f"page {n} is numbered"
        assert not re.search(r"\S {2,}\S", text), f"page {n}: no stretched (justified) spacing"
    labels = [rubric.texts.get(k) for k in ("resultados.nivel", "resultados.riesgo", "resultados.puntaje")]
    assert " ".join(labels) in texts[0], "the summary's headers on one line each, unhyphenated"
    # a complete 90-answer diagnosis took 18 pages with a page break before each component and a
    # note column beside every answer; the components now follow one another
    assert total <= 13, f"{total} pages"
