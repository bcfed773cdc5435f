"""Reports and files in the app, without a browser: the comparison says what the earlier file is
(date, label, completeness), does not compare what the earlier file left unanswered, can be
removed, and tells its message where the page is brought; the reports carry the official's local
time; the upload buttons and the progress bar read well."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

from test_widgets import answer_all, data_url, upload

import autodiag
from autodiag.answers import AnswersFile
from autodiag.app import App
from autodiag.app.questionnaire import RESULTS
from autodiag.report import ID_COLUMNS


def earlier_file(rubric, answers: dict[str, str], label: str = "Ejercicio de marzo") -> bytes:
    doc = autodiag.new_answers(rubric, answers, label=label)
    return AnswersFile(doc.rubric_id, doc.rubric_version, doc.answers, doc.notes, doc.label,
                       "2026-03-02T18:30:00+00:00").to_bytes()


def at_results(app: App, option: str = "si") -> None:
    answer_all(app, option)
    app.nav.buttons[RESULTS].click()
    assert app.screen == RESULTS and app.results.view is not None


def test_the_comparison_names_the_earlier_files_date_label_and_completeness(app, rubric):
    at_results(app)
    upload(app.files.previous, earlier_file(rubric, {q.id: "no" for q in rubric.questions}))
    shown = app.results.comparison.html.value
    # 18:30 UTC is 12:30 in Mexico City (the content's zone: the test has no browser to tell another)
    assert "02/03/2026 a las 12:30, hora CST (zona horaria America/Mexico_City)" in shown
    assert "Ejercicio de marzo" in shown
    assert rubric.texts.get("reporte.anterior_completo", total=len(rubric.questions)) in shown
    assert "autodiag-earlier-incomplete" not in shown
    assert shown.count('data-compared="si"') == len(rubric.components)
    assert shown.count('class="autodiag-change">+100<') == len(rubric.components)


def test_an_incomplete_earlier_file_is_flagged_and_its_empty_components_not_compared(app, rubric):
    at_results(app)
    first = rubric.components[0].id
    answered = {q.id: "parcial" for q in rubric.questions if q.component == first}
    upload(app.files.previous, earlier_file(rubric, answered))
    view = app.results.view
    assert view is not None and view.earlier is not None and not view.earlier.complete
    shown = app.results.comparison.html.value
    assert "autodiag-earlier-incomplete" in shown, "an incomplete earlier file is a warning"
    assert rubric.texts.get("reporte.anterior_incompleto", respondidas=len(answered), total=len(rubric.questions),
                            minimo=80) in shown
    rows = {row.component: row for row in view.comparison}
    assert rows[first].compared and rows[first].change_text == "+50"
    for component in rubric.components[1:]:
        row = rows[component.id]
        assert not row.compared, f"{component.id}: nothing answered before, nothing to compare"
        assert row.before_text == rubric.texts.get("reporte.no_comparable", respondidas=0, total=row.before_total)
        assert row.change_text == rubric.texts.get("reporte.sin_cambio")
    assert ">0 · Básico<" not in shown, "no «0 · Básico → 100» for a component never answered before"
    # the reports say the same
    html = data_url(app.files.report_links.value, "html").decode("utf-8")
    assert "autodiag-earlier-incomplete" in html and len(re.findall(r'data-component="\w+" data-compared="no"', html)) \
        == len(rubric.components) - 1


def test_a_component_mostly_answered_before_is_compared_and_says_how_much(app, rubric):
    at_results(app)
    component = rubric.components[0]
    questions = rubric.questions_of(component.id)
    kept = questions[:-1]  # all but one: over the content's 80 %
    upload(app.files.previous, earlier_file(rubric, {q.id: "si" for q in kept}))
    row = next(r for r in app.results.view.comparison if r.component == component.id)
    assert row.compared
    assert rubric.texts.get("reporte.comparado_parcial", respondidas=len(kept), total=len(questions)) in row.before_text


def test_the_comparison_can_be_removed(app, rubric):
    at_results(app)
    assert app.results.comparison.remove.layout.display == "none", "nothing to remove yet"
    upload(app.files.previous, earlier_file(rubric, {q.id: "no" for q in rubric.questions}))
    assert app.results.comparison.remove.layout.display == ""
    assert rubric.texts.get("app.quitar_comparacion") == app.results.comparison.remove.description
    app.results.comparison.remove.click()
    assert app.state.previous is None
    assert app.results.view is not None and app.results.view.comparison == ()
    assert "autodiag-comparison" not in app.results.comparison.html.value
    assert rubric.texts.get("app.comparacion_quitada") in app.results.comparison.message.value
    assert app.results.comparison.remove.layout.display == "none"
    html = data_url(app.files.report_links.value, "html").decode("utf-8")
    assert rubric.texts.get("reporte.comparacion") not in html, "the reports follow"


def test_the_comparison_message_is_at_the_comparison_not_in_the_files_panel(app, rubric):
    at_results(app)
    upload(app.files.previous, earlier_file(rubric, {q.id: "no" for q in rubric.questions}))
    message = rubric.texts.get("app.anterior_cargado_aqui", n=len(rubric.questions))
    assert message in app.results.comparison.message.value
    assert 'role="status"' in app.results.comparison.message.value
    assert app.files.message.value == "", "the files panel, far below, says nothing"
    assert app.screen == RESULTS


def test_away_from_the_results_the_message_is_where_the_upload_is(app, rubric):
    app.welcome.start.click()
    upload(app.files.previous, earlier_file(rubric, {q.id: "no" for q in rubric.questions}))
    assert rubric.texts.get("app.anterior_cargado", n=len(rubric.questions)) in app.files.message.value
    app.nav.buttons[RESULTS].click()
    app.results.see_anyway.click()
    assert rubric.texts.get("app.anterior_cargado_aqui", n=len(rubric.questions)) in \
        app.results.comparison.message.value, "the comparison says where it came from"


def test_the_reports_carry_the_browsers_time_zone(app, rubric):
    app.files.time_zone.box.value = "America/Bogota"
    assert app.state.time_zone == "America/Bogota"
    app.files.time_zone.box.value = "../../etc/passwd"
    assert app.state.time_zone == "America/Bogota", "a name the zone database does not know is ignored"
    at_results(app)
    html = data_url(app.files.report_links.value, "html").decode("utf-8")
    generated = re.search(r'<p class="meta">([^<]+)</p>', html)
    assert generated and "(zona horaria America/Bogota)" in generated.group(1) and "UTC−05:00" in generated.group(1)
    bogota = datetime.now(UTC).astimezone(__import__("zoneinfo").ZoneInfo("America/Bogota"))
    assert bogota.strftime("%d/%m/%Y") in generated.group(1)


def test_the_csv_download_reads_in_spanish_with_the_ids_at_the_right(app, rubric):
    at_results(app, "no")
    text = data_url(app.files.report_links.value, "csv").decode("utf-8")
    header = next(csv.reader(io.StringIO(text)))
    assert header[0] == rubric.texts.get("csv.columnas.tipo") and header[-len(ID_COLUMNS):] == list(ID_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    component = next(r for r in rows if r["tipo"] == "componente")
    assert component["Nivel"] == "Básico" and component["Perfil irregular"] in ("Sí", "No")
    assert "False" not in text and "True" not in text


def test_upload_buttons_and_the_progress_bar_read_well(app, rubric):
    from autodiag.markup import static_text

    assert app.progress.bar.tooltip == rubric.texts.get("app.avance"), "no «null» tooltip"
    script = app.files.upload_labels.outputs[0]["data"]["application/javascript"]
    assert ".autodiag-upload-resume" in script and ".autodiag-upload-compare" in script
    assert "(\\d+\\)" in static_text("uploads.js"), "the script takes the count off the buttons"


def test_the_recommendations_tier_tag_is_a_word_apart(app, rubric):
    at_results(app, "no")
    text = re.sub(r"<[^>]+>", "", app.results.details.value)
    tiers = "|".join(t.name for t in rubric.tiers)
    assert re.search(rf"\S \(({tiers}) · ", text), "a space before «(Básico · …)»"
    assert not re.search(rf"\S\(({tiers}) · ", text)


def test_earlier_file_with_lone_surrogates_in_label_is_shown(app, rubric):
    at_results(app)
    content = earlier_file(rubric, {q.id: "no" for q in rubric.questions}, label="marzo")
    upload(app.files.previous, content.replace(b'"marzo"', b'"marzo \\ud800"'))
    assert "marzo \ufffd" in app.results.comparison.html.value
    assert "autodiag-download-pdf" in app.files.report_links.value
