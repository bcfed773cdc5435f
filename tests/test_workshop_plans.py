"""The workshop reads the group's action plans (issue 14, item 5): the recommendations most often
chosen, the spread of plazos, the share of actions completed; the dashboard's tab; the demo plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import autodiag
from autodiag import demo, workshop
from autodiag.batch import BatchItem, score_folder
from autodiag.plan import Action, Estado, Plazo, action_from_recommendation
from autodiag.workshop import WorkshopDashboard


def item(rubric, name: str, plan=(), option: str = "no") -> BatchItem:
    answers = autodiag.new_answers(rubric, {q.id: option for q in rubric.questions}, plan=plan)
    return BatchItem(name, answers, autodiag.score(rubric, answers))


@pytest.fixture()
def group(rubric) -> list[BatchItem]:
    r = [x.id for x in rubric.recommendations]

    def act(k: int, rec: int, plazo: Plazo, estado: Estado) -> Action:
        return Action(**{**action_from_recommendation(rubric, r[rec], f"a{k}").__dict__, "plazo": plazo,
                         "estado": estado})

    return [
        item(rubric, "p1.json", (act(1, 0, Plazo.CORTO, Estado.CUMPLIDA), act(2, 1, Plazo.LARGO, Estado.PENDIENTE))),
        item(rubric, "p2.json", (act(1, 0, Plazo.CORTO, Estado.EN_CURSO),
                                 Action(id="a2", text="Propia", plazo=Plazo.MEDIANO, estado=Estado.CUMPLIDA))),
        item(rubric, "p3.json", (act(1, 0, Plazo.MEDIANO, Estado.PENDIENTE),)),
        item(rubric, "p4.json"),  # no plan
        BatchItem("roto.json", error="no es JSON"),  # refused: left out
    ]


def test_plan_frame_has_one_row_per_action(rubric, group):
    frame = workshop.plan_frame(group)
    assert list(frame.columns) == list(workshop.group.PLAN_COLUMNS)
    assert frame["archivo"].tolist() == ["p1.json", "p1.json", "p2.json", "p2.json", "p3.json"]
    assert workshop.plans_overview(group, rubric) == \
        "3 de 4 participantes traen un plan de acción (5 acciones en total)."


def test_the_recommendations_most_often_chosen_for_plans(rubric, group):
    table = workshop.top_plan_recommendations(group, rubric)
    first, second = rubric.recommendations[0], rubric.recommendations[1]
    assert table["recomendacion"].tolist() == [first.id, second.id], "only chosen ones, most chosen first"
    assert table["en_planes"].tolist() == [3, 1]
    assert table["proporcion"].tolist() == [1.0, round(1 / 3, 3)], "share of the participants with a plan"
    assert table.loc[0, "recibida"] == 4, "every participant answering «No» got it"
    assert table.loc[0, "texto"] == first.full_text


def test_the_spread_of_plazos(rubric, group):
    table = workshop.plazo_spread(group, rubric)
    component = rubric.recommendations[0].component
    assert list(table.columns) == ["corto", "mediano", "largo"]
    assert table.loc["total"].tolist() == [2, 2, 1]
    assert table.loc["propia"].tolist() == [0, 1, 0], "own actions have their row"
    assert table.loc[component, "corto"] == 2 and table.loc[component, "mediano"] == 1
    assert table.index[-1] == "total" and list(table.index[:5]) == [c.id for c in rubric.components]


def test_the_share_of_actions_completed(rubric, group):
    table = workshop.plan_completion(group, rubric)
    assert table.index.tolist() == ["pendiente", "en_curso", "cumplida"]
    assert table["acciones"].tolist() == [2, 1, 2]
    assert table.loc["cumplida", "proporcion"] == 0.4
    assert table.loc["cumplida", "estado"] == "Cumplida"


def test_no_plans_give_empty_tables_not_errors(rubric):
    items = [item(rubric, "p.json")]
    assert workshop.top_plan_recommendations(items, rubric).empty
    assert workshop.plazo_spread(items, rubric).loc["total"].tolist() == [0, 0, 0]
    assert workshop.plan_completion(items, rubric)["proporcion"].tolist() == [0.0, 0.0, 0.0]


def test_the_dashboard_has_a_plans_tab(rubric, group):
    board = WorkshopDashboard(rubric, group)
    try:
        titles = [board.tabs.get_title(i) for i in range(len(board.tabs.children))]
        assert titles[-1] == "Planes de acción"
        html = board.plans.value
        assert "3 de 4 participantes traen un plan" in html
        for key in ("planes_recomendaciones", "planes_plazos", "planes_estados"):
            assert f"<h4>{rubric.texts.get(f'taller.{key}')}</h4>" in html
        assert rubric.recommendations[0].id in html
        board.clear()
        assert board.plans.value == ""
    finally:
        board.close()


def test_demo_plans_are_reproducible_and_start_from_recommendations_the_participant_got(rubric, tmp_path_factory):
    one, two = tmp_path_factory.mktemp("uno"), tmp_path_factory.mktemp("dos")
    demo.write_demo(one, rubric, n=6, seed=3)
    demo.write_demo(two, rubric, n=6, seed=3)
    plans = {}
    for path in sorted(one.glob("grupo_*/participante-*.json")):
        assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), "same seed, same plans"
        plans[str(path.relative_to(one))] = json.loads(path.read_text(encoding="utf-8")).get("plan", [])
    assert sum(bool(p) for p in plans.values()) >= 6, "most participants bring a plan"
    for folder in ("grupo_a", "grupo_b"):
        for entry in score_folder(one / folder, rubric):
            if not entry.ok or entry.answers is None:
                continue
            got = {r.id for c in entry.diagnosis for r in c.recommendations}
            assert {a.recommendation for a in entry.answers.plan} <= got, entry.name


def test_the_committed_demo_data_has_plans_and_the_later_group_completed_more(rubric):
    folder = Path(__file__).resolve().parents[1] / "notebooks" / "datos_demo"
    a = workshop.plan_completion(score_folder(folder / "grupo_a", rubric), rubric)
    b = workshop.plan_completion(score_folder(folder / "grupo_b", rubric), rubric)
    assert a["acciones"].sum() > 0 and b["acciones"].sum() > 0
    assert b.loc["cumplida", "proporcion"] > a.loc["cumplida", "proporcion"]
