"""Scoring as DESIGN.md specifies it, on the tiny rubric (see `mini_dir` in conftest).

Per component: b1 (basico, peso 2), b2 (basico), i1 (intermedio), a1 (avanzado); θ = 0.6,
risk cut points 40 / 70.
"""

from __future__ import annotations

import pytest

import autodiag
from autodiag.scoring import is_irregular, level_for, risk_for
from helpers import all_answers

C = "transparencia"


def profile(mini: autodiag.Rubric, **overrides: str) -> dict[str, str]:
    """All components answered "no", except the given `<component>_<question>` answers."""
    answers = all_answers(mini, "no")
    answers.update({f"{C}_{key}": value for key, value in overrides.items()})
    return answers


def test_all_yes_is_advanced_with_low_risk_everywhere(mini):
    diagnosis = autodiag.score(mini, all_answers(mini, "si"))
    assert {(c.level, c.risk, c.score) for c in diagnosis} == {("avanzado", "bajo", 100.0)}
    assert diagnosis.complete


def test_all_no_is_basic_with_high_risk_everywhere(mini):
    diagnosis = autodiag.score(mini, all_answers(mini, "no"))
    assert {(c.level, c.risk, c.score) for c in diagnosis} == {("basico", "alto", 0.0)}


def test_component_score_is_the_weighted_mean_of_all_its_answers(mini):
    # b1 weighs 2: (2·1 + 1·0.5 + 0 + 0) / 5 = 0.5
    result = autodiag.score(mini, profile(mini, b1="si", b2="parcial"))[C]
    assert result.score == pytest.approx(50.0)
    assert result.coverage == pytest.approx({"basico": 2.5 / 3, "intermedio": 0.0, "avanzado": 0.0})


def test_basic_tier_covered_gives_intermediate(mini):
    result = autodiag.score(mini, profile(mini, b1="si", b2="no"))[C]  # C[basico] = 2/3 ≥ 0.6
    assert result.level == "intermedio"


def test_basic_tier_just_below_theta_stays_basic(mini):
    result = autodiag.score(mini, profile(mini, b1="parcial", b2="si"))[C]  # (1 + 1) / 3 = 0.667
    assert result.level == "intermedio"
    result = autodiag.score(mini, profile(mini, b1="parcial", b2="parcial"))[C]  # 0.5 < 0.6
    assert result.level == "basico"


def test_basic_and_intermediate_covered_gives_advanced_even_without_advanced_practices(mini):
    result = autodiag.score(mini, profile(mini, b1="si", b2="si", i1="si", a1="no"))[C]
    assert result.level == "avanzado"
    assert result.score == pytest.approx(80.0)
    assert result.risk == "bajo"


def test_risk_follows_the_cut_points_with_lower_bound_inclusive():
    risks = ["alto", "medio", "bajo"]
    assert risk_for(39.9, risks, (40, 70)) == "alto"
    assert risk_for(40.0, risks, (40, 70)) == "medio"
    assert risk_for(69.9, risks, (40, 70)) == "medio"
    assert risk_for(70.0, risks, (40, 70)) == "bajo"


def test_level_needs_every_lower_tier_covered():
    tiers = ["basico", "intermedio", "avanzado"]
    assert level_for({"basico": 0.6, "intermedio": 0.6, "avanzado": 0}, tiers, 0.6) == "avanzado"
    assert level_for({"basico": 0.59, "intermedio": 1, "avanzado": 1}, tiers, 0.6) == "basico"
    assert level_for({"basico": 1, "intermedio": 0.59, "avanzado": 1}, tiers, 0.6) == "intermedio"


def test_an_irregular_profile_is_flagged(mini):
    result = autodiag.score(mini, profile(mini, b1="no", b2="no", i1="si", a1="si"))[C]
    assert result.irregular and result.level == "basico"
    assert not autodiag.score(mini, profile(mini, b1="si", b2="si", i1="si"))[C].irregular
    assert is_irregular({"basico": 1, "intermedio": 0, "avanzado": 1}, ["basico", "intermedio", "avanzado"], 0.6)


def test_dont_know_scores_zero_and_is_counted_apart(mini):
    result = autodiag.score(mini, profile(mini, b1="si", b2="nose"))[C]
    assert result.unknown == (f"{C}_b2",)
    assert result.score == pytest.approx(40.0)
    f2 = next(f for f in result.fields if f.field == "f2")
    assert (f2.unknown, f2.answered, f2.total) == (1, 2, 2)


def test_unanswered_questions_are_reported_and_score_zero(mini):
    answers = all_answers(mini, "si")
    del answers[f"{C}_i1"], answers[f"{C}_a1"]
    diagnosis = autodiag.score(mini, answers)
    assert diagnosis.unanswered == (f"{C}_i1", f"{C}_a1")
    assert not diagnosis.complete
    result = diagnosis[C]
    assert (result.answered, result.total) == (2, 4)
    assert result.score == pytest.approx(60.0)


def test_results_per_field_are_weighted_means(mini):
    result = autodiag.score(mini, profile(mini, b1="si", i1="parcial", b2="si"))[C]
    fields = {f.field: f.score for f in result.fields}
    assert fields == pytest.approx({"f1": 100 * 2.5 / 3, "f2": 50.0})


def test_recommendations_of_the_current_tier_are_priorities_and_the_next_tier_are_next_steps(mini):
    basic = autodiag.score(mini, all_answers(mini, "no"))[C].recommendations
    assert [r.id for r in basic.priority] == [f"{C}_rb"]
    assert [r.id for r in basic.next] == [f"{C}_ri"]
    assert basic.pending == ()

    # Intermediate level with b2 still partial: the basic recommendation stays pending.
    inter = autodiag.score(mini, profile(mini, b1="si", b2="parcial"))[C].recommendations
    assert [r.id for r in inter.priority] == [f"{C}_ri"]
    assert [r.id for r in inter.pending] == [f"{C}_rb"]
    assert [r.id for r in inter.next] == [f"{C}_ra"]


def test_met_practices_trigger_nothing(mini):
    recs = autodiag.score(mini, all_answers(mini, "si"))[C].recommendations
    assert len(recs) == 0


def test_theta_and_risk_cuts_can_be_overridden_for_sensitivity_studies(mini):
    answers = profile(mini, b1="parcial", b2="parcial")  # C[basico] = 0.5
    assert autodiag.score(mini, answers)[C].level == "basico"
    assert autodiag.score(mini, answers, theta=0.5)[C].level == "intermedio"
    assert autodiag.score(mini, answers, risk_cuts=(20, 25))[C].risk == "bajo"  # score 30


def test_unknown_questions_or_options_are_refused_all_at_once(mini):
    with pytest.raises(autodiag.AnswersError) as err:
        autodiag.score(mini, {"no_existe": "si", f"{C}_b1": "tal_vez", "otra": "no"})
    assert "no_existe" in str(err.value) and "otra" in str(err.value) and "tal_vez" in str(err.value)


def test_summary_is_the_public_json_shape(mini):
    summary = autodiag.score(mini, all_answers(mini, "si")).summary()
    assert summary["rubric_version"] == "0.1"
    assert set(summary["components"]) == {c.id for c in mini.components}
    c = summary["components"][C]
    assert (c["level"], c["risk"], c["score"]) == ("avanzado", "bajo", 100.0)


def test_the_real_rubric_gives_the_documented_extremes(rubric):
    assert {(c.level, c.risk) for c in autodiag.score(rubric, all_answers(rubric, "si"))} == {("avanzado", "bajo")}
    assert {(c.level, c.risk) for c in autodiag.score(rubric, all_answers(rubric, "no"))} == {("basico", "alto")}
