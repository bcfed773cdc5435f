"""Following up a plan (issue 14, item 2): are the practices that triggered each action now in place?

The core (`autodiag.followup`), its part of the one view, and every output that shows it: the HTML
and PDF reports, the CSV and the workbook's "Plan" sheet; and `report --anterior` as a whole process.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import autodiag
from autodiag.followup import Status, follow_up, summarize
from autodiag.plan import Action, Estado, action_from_recommendation
from autodiag.report import CSV_HEADER, render_csv, render_html, render_pdf
from autodiag.view import build_view
from helpers import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "AUTODIAG_CONTENT"}
    return subprocess.run([sys.executable, "-m", "autodiag", *args], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=120)


@pytest.fixture()
def recs(rubric):
    """Two recommendations with trigger questions, of different components."""
    first = rubric.recommendations[0]
    other = next(r for r in rubric.recommendations if r.component != first.component and len(r.triggers) >= 2)
    return first, other


@pytest.fixture()
def plan(rubric, recs):
    return (action_from_recommendation(rubric, recs[0].id, "a1"),
            action_from_recommendation(rubric, recs[1].id, "a2"),
            Action(id="a3", text="Capacitar al cabildo", estado=Estado.CUMPLIDA))


def all_no(rubric) -> dict[str, str]:
    return {q.id: "no" for q in rubric.questions}


def test_each_action_says_whether_its_practices_are_in_place(rubric, recs, plan):
    answers = {**all_no(rubric), **{q: "si" for q in recs[0].triggers}}
    answers[recs[1].triggers[0]] = "si"  # one practice of the second action in place, the others not
    items = follow_up(rubric, plan, answers)
    assert [i.status for i in items] == [Status.EN_MARCHA, Status.FALTAN, Status.SIN_PRACTICA]
    assert items[0].missing == () and set(items[0].practices) == set(recs[0].triggers)
    assert set(items[1].missing) == set(recs[1].triggers[1:]), "only the practices not in place are listed"
    assert items[2].practices == items[2].missing == ()
    assert summarize(items) == summarize(items).__class__(actions=3, in_place=1, missing=1, no_practice=1,
                                                          completed=1)


@pytest.mark.parametrize("option", ["parcial", "nose", "no", None])
def test_anything_short_of_the_top_answer_is_missing(rubric, recs, option):
    answers = {q: "si" for q in recs[0].triggers}
    target = recs[0].triggers[-1]
    if option is None:
        del answers[target]
    else:
        answers[target] = option
    (item,) = follow_up(rubric, (action_from_recommendation(rubric, recs[0].id, "a1"),), answers)
    assert item.status is Status.FALTAN and item.missing == (target,)


def test_practices_are_in_questionnaire_order(rubric):
    rec = max(rubric.recommendations, key=lambda r: len(r.triggers))
    (item,) = follow_up(rubric, (action_from_recommendation(rubric, rec.id, "a1"),), {})
    order = [q.id for q in rubric.questions]
    assert list(item.missing) == sorted(rec.triggers, key=order.index)


def test_the_view_follows_the_files_own_plan_first(rubric, recs, plan):
    answers = autodiag.new_answers(rubric, {q: "si" for q in recs[0].triggers}, plan=plan[:1])
    view = build_view(rubric, autodiag.score(rubric, answers.answers), answers, previous_plan=plan)
    assert view.followup is not None and not view.followup.of_previous
    assert [r.action_id for r in view.followup.rows] == ["a1"]
    assert view.followup.rows[0].status == "Prácticas ya en marcha"


def test_the_view_follows_the_earlier_plan_when_the_file_has_none(rubric, recs, plan):
    answers = autodiag.new_answers(rubric, all_no(rubric))
    view = build_view(rubric, autodiag.score(rubric, answers.answers), answers, previous_plan=plan)
    f = view.followup
    assert f is not None and f.of_previous and f.intro == rubric.texts.get("seguimiento.intro_anterior")
    numbers = {q.id: i for i, q in enumerate(rubric.questions, start=1)}
    row = f.rows[1]
    assert row.status_id == "faltan" and row.estado == "Pendiente"
    assert [p.number for p in row.missing] == sorted(numbers[q] for q in recs[1].triggers)
    assert all(p.answer == "No" for p in row.missing)
    assert str(min(numbers[q] for q in recs[1].triggers)) in row.status
    assert f.rows[2].status == "Sin práctica asociada" and f.rows[2].origin == "Acción propia"
    assert f.summary == "0 de 3 acciones con sus prácticas en marcha; 1 marcadas como cumplidas."


def test_no_plan_no_follow_up(rubric):
    answers = autodiag.new_answers(rubric, all_no(rubric))
    assert build_view(rubric, autodiag.score(rubric, answers.answers), answers).followup is None


def test_every_output_shows_the_follow_up(rubric, recs, plan):
    answers = autodiag.new_answers(rubric, {**all_no(rubric), **{q: "si" for q in recs[0].triggers}})
    view = build_view(rubric, autodiag.score(rubric, answers.answers), answers, previous_plan=plan)
    html = render_html(view, chart_svg="")
    assert 'data-followup-action="a1" data-seguimiento="en_marcha"' in html
    assert 'data-followup-action="a2" data-seguimiento="faltan"' in html
    assert 'data-followup-action="a3" data-seguimiento="sin_practica" data-estado="cumplida"' in html
    rows = [r for r in csv.DictReader(io.StringIO(render_csv(view))) if r["tipo"] == "seguimiento"]
    assert list(CSV_HEADER[-2:]) == ["seguimiento", "practicas_faltantes"]
    assert [(r["id"], r["seguimiento"], r["estado"]) for r in rows] == [
        ("a1", "en_marcha", "pendiente"), ("a2", "faltan", "pendiente"), ("a3", "sin_practica", "cumplida")]
    assert set(rows[1]["practicas_faltantes"].split()) == set(recs[1].triggers)
    assert rows[0]["recomendacion"] == recs[0].id and rows[2]["recomendacion"] == ""
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(view, chart_svg=""))).pages)
    assert "Seguimiento del plan" in pdf and "Sin práctica asociada" in pdf
    assert "0 de 3" not in pdf and "1 de 3 acciones con sus prácticas en marcha" in " ".join(pdf.split())


def test_report_with_an_earlier_file_follows_its_plan(rubric, recs, plan, tmp_path):
    before = autodiag.new_answers(rubric, all_no(rubric), plan=plan, label="marzo")
    after = autodiag.new_answers(rubric, {**all_no(rubric), **{q: "si" for q in recs[0].triggers}}, label="sept")
    (tmp_path / "antes.json").write_bytes(before.to_bytes())
    (tmp_path / "despues.json").write_bytes(after.to_bytes())
    out = tmp_path / "r.html"
    result = run("report", str(tmp_path / "despues.json"), "--anterior", str(tmp_path / "antes.json"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert 'data-seguimiento="en_marcha"' in html, "the earlier file's plan is followed"
    assert 'class="autodiag-table autodiag-comparison"' in html, "and the earlier diagnosis is compared"
    # the earlier file missing: exit 2, one line, nothing written
    missing = tmp_path / "r2.html"
    result = run("report", str(tmp_path / "despues.json"), "--anterior", str(tmp_path / "no.json"),
                 "-o", str(missing))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not missing.exists()


def test_the_workbook_plan_sheet_has_a_follow_up_column(rubric, recs, plan, tmp_path):
    answers = autodiag.new_answers(rubric, {q: "si" for q in recs[0].triggers}, plan=plan)
    src = tmp_path / "a.json"
    src.write_bytes(answers.to_bytes())
    out = tmp_path / "plan.xlsx"
    result = run("report", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    ws = load_workbook(out)["Plan"]
    assert ws.cell(row=1, column=12).value == "Seguimiento"
    column = [ws.cell(row=r, column=12).value for r in range(2, 5)]
    assert column[0] == "Prácticas ya en marcha" and column[1].startswith("Aún faltan las prácticas")
    assert column[2] == "Sin práctica asociada"


def test_a_resumed_plan_reads_back_with_its_follow_up(rubric, recs, plan, tmp_path):
    """The answers file a team saves and resumes months later gives the same follow-up."""
    answers = autodiag.new_answers(rubric, {q: "si" for q in recs[0].triggers}, plan=plan)
    again = autodiag.read_answers(answers.to_bytes(), rubric).answers
    assert follow_up(rubric, again.plan, again.answers) == follow_up(rubric, plan, answers.answers)



def test_the_app_follows_up_the_plan_of_an_earlier_diagnosis(rubric, recs, plan):
    """Widgets, no browser: compare with an earlier file that holds a plan; the results follow it up."""
    from datetime import UTC, datetime

    from autodiag.app import App, build_app
    from autodiag.app.questionnaire import RESULTS

    app = build_app()
    assert isinstance(app, App)
    try:
        for q in rubric.questions:
            app.state.set_answer(q.id, "si" if q.id in recs[0].triggers else "no")
        earlier = autodiag.new_answers(rubric, all_no(rubric), plan=plan).to_bytes()
        app.files.previous.value = ({"name": "marzo.json", "type": "application/json", "size": len(earlier),
                                     "content": memoryview(earlier),
                                     "last_modified": datetime(2026, 3, 1, tzinfo=UTC)},)
        app.go(RESULTS)
        html = app.results.followup.value
        assert 'data-followup-action="a1" data-seguimiento="en_marcha"' in html
        assert 'data-followup-action="a2" data-seguimiento="faltan"' in html
        assert rubric.texts.get("seguimiento.intro_anterior") in html
        assert app.state.answers[recs[0].triggers[0]] == "si", "comparing does not touch the answers"
    finally:
        app.close()
