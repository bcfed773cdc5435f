"""Scoring as DESIGN.md specifies it, on the tiny rubric (see `mini_dir` in conftest).

Per component: b1 (basico, peso 2, legal minimum), b2 (basico, admits "En elaboración"), b3, b4
(basico), i1 (intermedio, admits "En elaboración"), a1 (avanzado); θ = 0.6, risk cut points
40 / 70, risk by level basico [alto, medio], intermedio and avanzado [medio, bajo]; an unmet
legal minimum → alto; a minimum is met only by "si".
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
    assert diagnosis.complete and diagnosis.unmet_minimums == ()


def test_all_no_is_basic_with_high_risk_everywhere(mini):
    diagnosis = autodiag.score(mini, all_answers(mini, "no"))
    assert {(c.level, c.risk, c.score) for c in diagnosis} == {("basico", "alto", 0.0)}
    assert diagnosis[C].unmet_minimums == (f"{C}_b1",)


def test_component_score_is_the_weighted_mean_of_all_its_answers(mini):
    # b1 weighs 2, the other five 1: (2·1 + 1·0.5) / 7
    result = autodiag.score(mini, profile(mini, b1="si", b2="parcial"))[C]
    assert result.score == pytest.approx(100 * 2.5 / 7)
    assert result.coverage == pytest.approx({"basico": 2.5 / 5, "intermedio": 0.0, "avanzado": 0.0})


def test_basic_tier_covered_gives_intermediate(mini):
    result = autodiag.score(mini, profile(mini, b1="si", b3="si"))[C]  # C[basico] = 3/5 ≥ 0.6, b1 met
    assert result.level == "intermedio"
    assert not result.gated and result.unmet_minimums == ()


def test_basic_tier_just_below_theta_stays_basic(mini):
    result = autodiag.score(mini, profile(mini, b1="si", b2="parcial", b3="parcial"))[C]  # 3/5 = 0.6
    assert result.level == "intermedio"
    result = autodiag.score(mini, profile(mini, b1="si", b2="elaboracion", b3="parcial"))[C]  # 2.75/5 < 0.6
    assert result.level == "basico"


def test_drafting_scores_less_than_partial_and_more_than_no(mini):
    scores = {option: autodiag.score(mini, profile(mini, b2=option))[C].score
              for option in ("si", "parcial", "elaboracion", "no")}
    assert scores["si"] > scores["parcial"] > scores["elaboracion"] > scores["no"]
    assert scores["elaboracion"] == pytest.approx(100 * 0.25 / 7)


def test_drafting_is_refused_on_a_question_that_does_not_admit_it(mini):
    assert [o.id for o in mini.options_for(f"{C}_b3")] == ["si", "parcial", "no", "nose"]
    assert [o.id for o in mini.options_for(f"{C}_b2")] == ["si", "parcial", "elaboracion", "no", "nose"]
    with pytest.raises(autodiag.AnswersError) as err:
        autodiag.score(mini, profile(mini, b3="elaboracion"))
    assert [(p.path, p.code) for p in err.value.problems] == [(f"answers.{C}_b3", "opcion-no-admitida")]


@pytest.mark.parametrize("minimum", ["no", "nose", "parcial", None])
def test_an_unmet_legal_minimum_keeps_the_component_basic_whatever_its_coverage(mini, minimum):
    answers = profile(mini, b2="si", b3="si", b4="si", i1="si", a1="si")  # C[basico] = 3/5 without b1
    if minimum is None:
        del answers[f"{C}_b1"]
    else:
        answers[f"{C}_b1"] = minimum
    result = autodiag.score(mini, answers)[C]
    assert (result.level, result.risk) == ("basico", "alto"), "riesgo_minimo_incumplido is alto"
    assert result.unmet_minimums == (f"{C}_b1",) and result.gated
    assert result.irregular, "intermediate practices while a legal minimum is missing"
    assert autodiag.score(mini, answers).summary()["components"][C]["legal_minimums_unmet"] == [f"{C}_b1"]
    ungated = autodiag.score(mini, answers, gate=False)[C]
    assert (ungated.level, ungated.gated, ungated.unmet_minimums) == ("avanzado", False, (f"{C}_b1",))


def test_the_risk_light_is_clamped_to_what_the_level_allows(mini):
    covered = profile(mini, b1="si", b2="si", b3="si", b4="si")  # score 5/7 ≈ 71
    # Cut points that would put score 71 in "alto": with every basic practice in place, at most "medio".
    assert autodiag.score(mini, covered, risk_cuts=(80, 90))[C].risk == "medio"
    uncovered = profile(mini, b1="si", i1="si", a1="si")  # C[basico] = 0.4, score 4/7 ≈ 57
    assert autodiag.score(mini, uncovered)[C].level == "basico"
    # Cut points that would put it in "bajo": while the basic tier is not covered, at least "medio".
    assert autodiag.score(mini, uncovered, risk_cuts=(10, 20))[C].risk == "medio"
    assert autodiag.score(mini, profile(mini, b1="si"))[C].risk == "alto"  # score 2/7 < 40


def test_basic_and_intermediate_covered_gives_advanced_even_without_advanced_practices(mini):
    result = autodiag.score(mini, profile(mini, b1="si", b2="si", b3="si", b4="si", i1="si", a1="no"))[C]
    assert result.level == "avanzado"
    assert result.score == pytest.approx(600 / 7)
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
    result = autodiag.score(mini, profile(mini, b1="si", i1="si", a1="si"))[C]
    assert result.irregular and result.level == "basico"
    assert not autodiag.score(mini, profile(mini, b1="si", b2="si", b3="si", i1="si"))[C].irregular
    assert is_irregular({"basico": 1, "intermedio": 0, "avanzado": 1}, ["basico", "intermedio", "avanzado"], 0.6)
    assert is_irregular({"basico": 1, "intermedio": 1, "avanzado": 0}, ["basico", "intermedio", "avanzado"], 0.6,
                        minimums_met=False)


def test_dont_know_scores_zero_and_is_counted_apart(mini):
    result = autodiag.score(mini, profile(mini, b1="si", b2="nose"))[C]
    assert result.unknown == (f"{C}_b2",)
    assert result.score == pytest.approx(200 / 7)
    f2 = next(f for f in result.fields if f.field == "f2")
    assert (f2.unknown, f2.answered, f2.total) == (1, 3, 3)


def test_unanswered_questions_are_reported_and_score_zero(mini):
    answers = all_answers(mini, "si")
    del answers[f"{C}_i1"], answers[f"{C}_a1"]
    diagnosis = autodiag.score(mini, answers)
    assert diagnosis.unanswered == (f"{C}_i1", f"{C}_a1")
    assert not diagnosis.complete
    result = diagnosis[C]
    assert (result.answered, result.total) == (4, 6)
    assert result.score == pytest.approx(500 / 7)


def test_results_per_field_are_weighted_means(mini):
    result = autodiag.score(mini, profile(mini, b1="si", i1="parcial", b2="si"))[C]
    fields = {f.field: f.score for f in result.fields}
    assert fields == pytest.approx({"f1": 100 * 2.5 / 4, "f2": 100 / 3})


def test_recommendations_of_the_current_tier_are_priorities_and_the_next_tier_are_next_steps(mini):
    basic = autodiag.score(mini, all_answers(mini, "no"))[C].recommendations
    assert [r.id for r in basic.priority] == [f"{C}_rb"]
    assert [r.id for r in basic.next] == [f"{C}_ri"]
    assert basic.pending == ()

    # Intermediate level with b2 still partial: the basic recommendation stays pending.
    inter = autodiag.score(mini, profile(mini, b1="si", b3="si", b2="parcial"))[C].recommendations
    assert [r.id for r in inter.priority] == [f"{C}_ri"]
    assert [r.id for r in inter.pending] == [f"{C}_rb"]
    assert [r.id for r in inter.next] == [f"{C}_ra"]


def test_met_practices_trigger_nothing(mini):
    recs = autodiag.score(mini, all_answers(mini, "si"))[C].recommendations
    assert len(recs) == 0


def test_theta_and_risk_cuts_can_be_overridden_for_sensitivity_studies(mini):
    answers = profile(mini, b1="si", b2="parcial")  # C[basico] = 0.5, score 2.5/7 ≈ 36
    assert autodiag.score(mini, answers)[C].level == "basico"
    assert autodiag.score(mini, answers, theta=0.5)[C].level == "intermedio"
    assert autodiag.score(mini, answers, theta=0.5, risk_cuts=(20, 25))[C].risk == "bajo"


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
