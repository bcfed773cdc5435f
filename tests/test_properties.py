"""Properties of scoring that hold for every answer profile and every θ (hypothesis).

Each property runs on the real rubric and on the tiny one (tests/fixtures/mini_content,
whose básico tier weighs 5/7 and whose legal minimum weighs 2). Profiles draw, for each
question, one of the options that question admits, or no answer.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import autodiag
from autodiag.scoring import meets_minimum
from helpers import CONTENT, FIXTURES

RUBRICS = ("real", "mini")


@functools.cache
def load(name: str) -> autodiag.Rubric:
    if name == "real":
        return autodiag.load_rubric(CONTENT)
    import tempfile

    folder = Path(tempfile.mkdtemp()) / "mini"
    shutil.copytree(FIXTURES / "mini_content", folder)
    shutil.copy(CONTENT / "textos.yaml", folder / "textos.yaml")
    return autodiag.load_rubric(folder)


def profiles(rubric: autodiag.Rubric) -> st.SearchStrategy[dict[str, str]]:
    """Some questions answered (each with an option it admits), others not."""
    per_question = {q.id: st.sampled_from([o.id for o in rubric.options_for(q)] + [None]) for q in rubric.questions}
    return st.fixed_dictionaries(per_question).map(lambda p: {k: v for k, v in p.items() if v is not None})


thetas = st.floats(min_value=0.01, max_value=1.0, allow_nan=False)


def rank(rubric: autodiag.Rubric, kind: str, value: str) -> int:
    ids = [t.id for t in rubric.tiers] if kind == "level" else [r.id for r in rubric.risks]
    return ids.index(value)


def given_profile(test: Any) -> Any:
    """Run `test(rubric, data)` for both rubrics; `data` draws profiles of that rubric."""
    @pytest.mark.parametrize("name", RUBRICS)
    @settings(max_examples=120, deadline=None)
    @given(data=st.data())
    def run(name: str, data: st.DataObject) -> None:
        test(load(name), data)
    run.__name__, run.__doc__ = test.__name__, test.__doc__
    return run


@given_profile
def test_every_basic_practice_in_place_is_never_high_risk_nor_basic(rubric, data):
    answers = data.draw(profiles(rubric))
    theta = data.draw(thetas)
    lowest = rubric.tiers[0].id
    answers.update({q.id: rubric.top_option.id for q in rubric.questions if q.tier == lowest})
    for c in autodiag.score(rubric, answers, theta=theta):
        assert c.risk != rubric.risks[0].id, f"{c.component}: every basic practice is Sí but risk is {c.risk}"
        assert c.level != lowest and not c.unmet_minimums


@given_profile
def test_an_uncovered_basic_tier_is_never_low_risk(rubric, data):
    answers, theta = data.draw(profiles(rubric)), data.draw(thetas)
    diagnosis = autodiag.score(rubric, answers, theta=theta)
    for c in diagnosis:
        covered = c.coverage[rubric.tiers[0].id] >= theta and not c.unmet_minimums
        assert (c.level != rubric.tiers[0].id) == covered
        if not covered:
            assert c.risk != rubric.risks[-1].id, f"{c.component}: basic tier not covered but risk {c.risk}"


@given_profile
def test_an_unmet_legal_minimum_keeps_the_lowest_level_and_its_risk(rubric, data):
    answers, theta = data.draw(profiles(rubric)), data.draw(thetas)
    gated = autodiag.score(rubric, answers, theta=theta)
    ungated = autodiag.score(rubric, answers, theta=theta, gate=False)
    for c, u in zip(gated, ungated):
        expected = tuple(q.id for q in rubric.legal_minimums_of(c.component)
                         if not meets_minimum(rubric, answers.get(q.id)))
        assert c.unmet_minimums == expected
        for qid in expected:
            option = answers.get(qid)
            assert option is None or rubric.option(option).value < rubric.option(
                rubric.thresholds.legal_minimum_from).value or rubric.option(option).unknown
        if expected:
            assert c.level == rubric.tiers[0].id
            assert c.risk == rubric.thresholds.risk_unmet_minimum
        assert rank(rubric, "level", u.level) >= rank(rubric, "level", c.level), "the gate only lowers"
        assert c.gated == (c.level != u.level)
        assert (c.score, c.coverage) == (u.score, u.coverage), "the gate moves levels, never scores"


@given_profile
def test_the_risk_stays_within_what_the_level_allows(rubric, data):
    answers, theta = data.draw(profiles(rubric)), data.draw(thetas)
    order = [r.id for r in rubric.risks]
    for c in autodiag.score(rubric, answers, theta=theta):
        if c.unmet_minimums:
            continue
        allowed = rubric.thresholds.risk_by_level[c.level]
        assert order.index(allowed.worst) <= order.index(c.risk) <= order.index(allowed.best)


@given_profile
def test_improving_an_answer_never_lowers_a_level_a_risk_or_a_score(rubric, data):
    before, theta = data.draw(profiles(rubric)), data.draw(thetas)
    question = data.draw(st.sampled_from(rubric.questions))
    better = data.draw(st.sampled_from([o.id for o in rubric.options_for(question)]))
    old = before.get(question.id)
    if old is not None and rubric.option(better).value < rubric.option(old).value:
        better = old
    if old is not None and rubric.option(old).value == rubric.option(better).value:
        better = old  # "No" → "No sé" is not an improvement (No sé never meets a minimum)
    after = {**before, question.id: better}
    for c1, c2 in zip(autodiag.score(rubric, before, theta=theta), autodiag.score(rubric, after, theta=theta)):
        assert c2.score >= c1.score - 1e-9
        assert rank(rubric, "level", c2.level) >= rank(rubric, "level", c1.level)
        assert rank(rubric, "risk", c2.risk) >= rank(rubric, "risk", c1.risk)
        for f1, f2 in zip(c1.fields, c2.fields):
            assert f2.score >= f1.score - 1e-9


@given_profile
def test_a_higher_theta_never_raises_a_level(rubric, data):
    answers = data.draw(profiles(rubric))
    low, high = sorted((data.draw(thetas), data.draw(thetas)))
    for a, b in zip(autodiag.score(rubric, answers, theta=low), autodiag.score(rubric, answers, theta=high)):
        assert rank(rubric, "level", b.level) <= rank(rubric, "level", a.level)


@given_profile
def test_scores_stay_between_0_and_100_and_levels_and_risks_are_known(rubric, data):
    for c in autodiag.score(rubric, data.draw(profiles(rubric)), theta=data.draw(thetas)):
        assert 0 <= c.score <= 100
        assert all(0 <= f.score <= 100 for f in c.fields)
        assert c.level in {t.id for t in rubric.tiers} and c.risk in {r.id for r in rubric.risks}


@given_profile
def test_the_irregular_flag_means_a_higher_tier_covered_over_an_uncovered_one(rubric, data):
    answers, theta = data.draw(profiles(rubric)), data.draw(thetas)
    tiers = [t.id for t in rubric.tiers]
    for c in autodiag.score(rubric, answers, theta=theta):
        covered = [c.coverage[t] >= theta and (i > 0 or not c.unmet_minimums) for i, t in enumerate(tiers)]
        expected = any(covered[j] and not covered[i] for i in range(len(tiers)) for j in range(i + 1, len(tiers)))
        assert c.irregular == expected


@given_profile
def test_every_recommendation_shown_comes_from_an_unmet_question(rubric, data):
    answers = data.draw(profiles(rubric))
    top = rubric.top_option.id
    for c in autodiag.score(rubric, answers):
        shown = list(c.recommendations)
        assert len(shown) == len({r.id for r in shown}), "no recommendation twice"
        for rec in shown:
            assert rec.component == c.component
            assert any(answers.get(q) != top for q in rec.triggers), f"{rec.id} shown with all triggers met"
            assert rank(rubric, "level", rec.tier) <= rank(rubric, "level", c.level) + 1


@given_profile
def test_unanswered_and_dont_know_are_reported_exactly(rubric, data):
    answers = data.draw(profiles(rubric))
    diagnosis = autodiag.score(rubric, answers)
    assert set(diagnosis.unanswered) == {q.id for q in rubric.questions if q.id not in answers}
    assert set(diagnosis.unknown) == {q for q, o in answers.items() if rubric.option(o).unknown}
