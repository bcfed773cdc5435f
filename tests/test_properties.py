"""Properties of scoring that hold for every answer profile (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import autodiag
from autodiag.load import load_rubric
from helpers import CONTENT

RUBRIC = load_rubric(CONTENT)
OPTIONS = [o.id for o in RUBRIC.scale]
VALUE = {o.id: o.value for o in RUBRIC.scale}
QIDS = [q.id for q in RUBRIC.questions]
RANK = {t.id: t.rank for t in RUBRIC.tiers}

# A profile: some questions answered (None = unanswered).
profiles = st.fixed_dictionaries({qid: st.sampled_from(OPTIONS + [None]) for qid in QIDS})


def clean(profile: dict[str, str | None]) -> dict[str, str]:
    return {qid: option for qid, option in profile.items() if option is not None}


@settings(max_examples=150, deadline=None)
@given(profiles, st.sampled_from(QIDS), st.sampled_from(OPTIONS))
def test_improving_an_answer_never_lowers_a_level_or_a_score(profile, qid, better):
    before = clean(profile)
    old = before.get(qid)
    if old is not None and VALUE[better] < VALUE[old]:
        better = old
    after = {**before, qid: better}
    d1, d2 = autodiag.score(RUBRIC, before), autodiag.score(RUBRIC, after)
    for c1, c2 in zip(d1, d2):
        assert c2.score >= c1.score - 1e-9
        assert RANK[c2.level] >= RANK[c1.level]
        assert {"alto": 0, "medio": 1, "bajo": 2}[c2.risk] >= {"alto": 0, "medio": 1, "bajo": 2}[c1.risk]
        for f1, f2 in zip(c1.fields, c2.fields):
            assert f2.score >= f1.score - 1e-9


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_scores_stay_between_0_and_100_and_levels_and_risks_are_known(profile):
    diagnosis = autodiag.score(RUBRIC, clean(profile))
    for c in diagnosis:
        assert 0 <= c.score <= 100
        assert all(0 <= f.score <= 100 for f in c.fields)
        assert c.level in RANK and c.risk in {r.id for r in RUBRIC.risks}


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_every_recommendation_shown_comes_from_an_unmet_question(profile):
    answers = clean(profile)
    diagnosis = autodiag.score(RUBRIC, answers)
    for c in diagnosis:
        shown = list(c.recommendations)
        assert len(shown) == len({r.id for r in shown}), "no recommendation twice"
        for rec in shown:
            assert rec.component == c.component
            assert any(answers.get(q) != "si" for q in rec.triggers), f"{rec.id} shown with all triggers met"
            assert RANK[rec.tier] <= RANK[c.level] + 1


@settings(max_examples=100, deadline=None)
@given(profiles)
def test_unanswered_and_dont_know_are_reported_exactly(profile):
    answers = clean(profile)
    diagnosis = autodiag.score(RUBRIC, answers)
    assert set(diagnosis.unanswered) == {q for q in QIDS if q not in answers}
    assert set(diagnosis.unknown) == {q for q, o in answers.items() if o == "nose"}
