"""`autodiag.analysis`: reproducible profiles, simulation, sensitivity and group summaries.

Every count is checked against a direct recount with `autodiag.score`, so the analysis
can never drift from the scoring rules.
"""

from __future__ import annotations

import pytest

import autodiag
from autodiag import analysis, workshop
from autodiag.batch import BatchItem
from helpers import all_answers


def item(rubric, name: str, answers: dict[str, str]) -> BatchItem:
    return BatchItem(name, autodiag.new_answers(rubric, answers), autodiag.score(rubric, answers))


def refused(name: str = "roto.json") -> BatchItem:
    return BatchItem(name, error="no es JSON")


def with_answers(rubric, base: str, changes: dict[str, str]) -> dict[str, str]:
    answers = all_answers(rubric, base)
    answers.update(changes)
    return answers


def field_questions(rubric, component: str, field: str) -> list[str]:
    return [q.id for q in rubric.questions_of(component) if q.field == field]


# --- profiles -----------------------------------------------------------------------------

def test_random_profiles_answer_every_question_with_an_option_of_the_scale(rubric):
    profiles = analysis.random_profiles(rubric, 20, seed=1)
    assert len(profiles) == 20
    options = {o.id for o in rubric.scale}
    for profile in profiles:
        assert list(profile) == [q.id for q in rubric.questions]
        assert set(profile.values()) <= options


def test_random_profiles_are_reproducible_for_a_seed_and_differ_across_seeds(rubric):
    assert analysis.random_profiles(rubric, 10, seed=7) == analysis.random_profiles(rubric, 10, seed=7)
    assert analysis.random_profiles(rubric, 10, seed=7) != analysis.random_profiles(rubric, 10, seed=8)


def test_random_profiles_with_fixed_weights_follow_them(rubric):
    only_yes = analysis.random_profiles(rubric, 5, seed=1, weights={"si": 1})
    assert all(set(p.values()) == {"si"} for p in only_yes)
    no_unknown = analysis.random_profiles(rubric, 50, seed=1, weights={"si": 1, "no": 1})
    assert set().union(*(p.values() for p in no_unknown)) == {"si", "no"}


def test_random_profiles_refuse_an_option_not_on_the_scale(rubric):
    with pytest.raises(ValueError, match="quizas"):
        analysis.random_profiles(rubric, 1, weights={"quizas": 1})


def test_structured_profiles_follow_the_strength_of_each_component(rubric):
    profiles = analysis.structured_profiles(rubric, 10, {"transparencia": 1.0, "participacion": 0.0}, seed=3)
    for profile in profiles:
        assert {profile[q.id] for q in rubric.questions_of("transparencia")} == {"si"}
        assert "si" not in {profile[q.id] for q in rubric.questions_of("participacion")}


def test_structured_profiles_are_reproducible_and_validate_component_ids(rubric):
    strong = {"transparencia": 0.9, "participacion": 0.2}
    assert (analysis.structured_profiles(rubric, 5, strong, seed=4, spread=0.2)
            == analysis.structured_profiles(rubric, 5, strong, seed=4, spread=0.2))
    with pytest.raises(ValueError, match="transparency"):
        analysis.structured_profiles(rubric, 5, {"transparency": 0.9})


def test_strong_transparency_weak_participation_shows_in_the_levels(rubric):
    # Transparencia has several legal minimums, each met only by "Sí": strength 0.97 meets them all
    # in about 0.97^6 ≈ 83 % of the profiles.
    profiles = analysis.structured_profiles(rubric, 200, {"transparencia": 0.97, "participacion": 0.1}, seed=5)
    levels = analysis.distribution(analysis.simulate(rubric, profiles), rubric)
    assert levels.loc["transparencia", "avanzado"] > 140
    assert levels.loc["participacion", "basico"] > 150


# --- simulation ---------------------------------------------------------------------------

def test_simulate_has_a_row_per_profile_and_component(rubric):
    table = analysis.simulate(rubric, analysis.random_profiles(rubric, 4, seed=1))
    assert len(table) == 4 * 5
    assert list(table.columns) == ["perfil", "componente", "nivel", "riesgo", "puntaje", "irregular",
                                   "minimos_cumplidos", "cobertura_basico", "cobertura_intermedio",
                                   "cobertura_avanzado"]


def test_a_profile_of_all_yes_is_avanzado_everywhere(rubric):
    table = analysis.simulate(rubric, [analysis.uniform_profile(rubric, "si")])
    assert set(table["nivel"]) == {"avanzado"}
    assert set(table["riesgo"]) == {"bajo"}


def test_simulation_agrees_with_score_profile_by_profile(rubric):
    profiles = analysis.random_profiles(rubric, 30, seed=11)
    table = analysis.simulate(rubric, profiles, theta=0.55, risk_cuts=(35, 65))
    for row in table.itertuples():
        result = autodiag.score(rubric, profiles[row.perfil], theta=0.55, risk_cuts=(35, 65))[row.componente]
        assert (row.nivel, row.riesgo, row.irregular) == (result.level, result.risk, result.irregular)
        assert row.puntaje == pytest.approx(result.score)


def test_with_theta_one_nobody_with_a_partial_basic_answer_is_above_basico(rubric):
    profiles = analysis.random_profiles(rubric, 200, seed=2026)
    table = analysis.simulate(rubric, profiles, theta=1.0)
    checked = 0
    for row in table.itertuples():
        basics = [q.id for q in rubric.questions_of(row.componente) if q.tier == "basico"]
        if any(profiles[row.perfil][qid] == "parcial" for qid in basics):
            assert row.nivel == "basico"
            checked += 1
    assert checked > 100, "the fixture exercises the rule"


def test_distribution_counts_every_profile_once_per_component(rubric):
    table = analysis.distribution(analysis.simulate(rubric, analysis.random_profiles(rubric, 40, seed=1)), rubric)
    assert list(table.columns) == ["basico", "intermedio", "avanzado"]
    assert list(table.index) == [c.id for c in rubric.components]
    assert (table.sum(axis=1) == 40).all()
    risks = analysis.distribution(analysis.simulate(rubric, analysis.random_profiles(rubric, 40, seed=1)), rubric,
                                  by="riesgo")
    assert list(risks.columns) == ["alto", "medio", "bajo"]


# --- sensitivity --------------------------------------------------------------------------

def recount_levels(rubric, profiles, theta, base):
    per_component = dict.fromkeys((c.id for c in rubric.components), 0)
    municipalities = 0
    for answers in profiles:
        a, b = autodiag.score(rubric, answers, theta=theta), autodiag.score(rubric, answers, theta=base)
        changed = [c.id for c in rubric.components if a[c.id].level != b[c.id].level]
        for cid in changed:
            per_component[cid] += 1
        municipalities += bool(changed)
    return {**per_component, analysis.ANY: municipalities}


def test_level_sensitivity_equals_a_direct_recount(rubric):
    profiles = analysis.random_profiles(rubric, 150, seed=21)
    table = analysis.level_sensitivity(rubric, profiles, thetas=[0.5, 0.6, 0.7])
    assert list(table.index) == [0.5, 0.6, 0.7]
    for theta in (0.5, 0.7):
        assert table.loc[theta].to_dict() == recount_levels(rubric, profiles, theta, rubric.thresholds.level)
    assert (table.loc[rubric.thresholds.level] == 0).all(), "the rubric's own θ changes nothing"


def test_level_sensitivity_accepts_another_base(rubric):
    profiles = analysis.random_profiles(rubric, 60, seed=22)
    table = analysis.level_sensitivity(rubric, profiles, thetas=[0.6], base=0.5)
    assert table.loc[0.6].to_dict() == recount_levels(rubric, profiles, 0.6, 0.5)


def test_lowering_theta_never_lowers_a_level(rubric):
    transitions = analysis.level_transitions(rubric, analysis.random_profiles(rubric, 200, seed=3), theta=0.5)
    ranks = {t.id: t.rank for t in rubric.tiers}
    for before in transitions.index:
        for after in transitions.columns:
            if ranks[after] < ranks[before]:
                assert transitions.loc[before, after] == 0
    assert transitions.to_numpy().sum() == 200 * 5


def test_level_curve_shares_add_up_to_one_for_each_theta_and_component(rubric):
    curve = analysis.level_curve(rubric, analysis.random_profiles(rubric, 50, seed=4), thetas=[0.3, 0.6, 0.9])
    sums = curve.groupby(["theta", "componente"], observed=True)["proporcion"].sum()
    assert len(sums) == 3 * 5
    assert sums.to_numpy() == pytest.approx(1.0)


def test_risk_sensitivity_equals_a_direct_recount(rubric):
    profiles = analysis.random_profiles(rubric, 100, seed=31)
    table = analysis.risk_sensitivity(rubric, profiles, cuts=[(30, 60), (40, 70)])
    assert list(table.index) == ["30/60", "40/70"]
    expected = dict.fromkeys((c.id for c in rubric.components), 0)
    municipalities = 0
    for answers in profiles:
        a, b = autodiag.score(rubric, answers, risk_cuts=(30, 60)), autodiag.score(rubric, answers)
        changed = [c.id for c in rubric.components if a[c.id].risk != b[c.id].risk]
        for cid in changed:
            expected[cid] += 1
        municipalities += bool(changed)
    assert table.loc["30/60"].to_dict() == {**expected, analysis.ANY: municipalities}
    assert (table.loc["40/70"] == 0).all()


def test_irregular_share_equals_a_direct_recount(rubric):
    profiles = analysis.random_profiles(rubric, 100, seed=41)
    table = analysis.irregular_share(rubric, profiles)
    for cid in table.index:
        count = sum(autodiag.score(rubric, p)[cid].irregular for p in profiles)
        assert table.loc[cid, "irregulares"] == count
        assert table.loc[cid, "proporcion"] == pytest.approx(count / 100, abs=1e-3)


def test_a_profile_covering_only_the_advanced_tier_is_irregular(rubric):
    answers = {q.id: ("si" if q.tier == "avanzado" else "no") for q in rubric.questions}
    table = analysis.irregular_share(rubric, [answers])
    assert (table["irregulares"] == 1).all()


# --- groups -------------------------------------------------------------------------------

@pytest.fixture
def group(rubric):
    """Three participants (all "si", all "parcial", all "no") and one refused file."""
    return [item(rubric, "si.json", all_answers(rubric, "si")),
            item(rubric, "parcial.json", all_answers(rubric, "parcial")),
            item(rubric, "no.json", all_answers(rubric, "no")),
            refused()]


def test_group_summary_counts_participants_per_level_and_leaves_refused_files_out(group, rubric):
    table = workshop.group_summary(group, rubric)
    assert table.loc["transparencia"].to_dict() == {"basico": 2, "intermedio": 0, "avanzado": 1}
    assert (table.sum(axis=1) == 3).all()
    risks = workshop.group_summary(group, rubric, by="riesgo")
    # "Parcialmente" everywhere: medio in a component without legal minimums, alto where one is unmet.
    free = next(c.id for c in rubric.components if not rubric.legal_minimums_of(c.id))
    bound = next(c.id for c in rubric.components if rubric.legal_minimums_of(c.id))
    assert risks.loc[free].to_dict() == {"alto": 1, "medio": 1, "bajo": 1}
    assert risks.loc[bound].to_dict() == {"alto": 2, "medio": 0, "bajo": 1}


def test_participant_matrix_is_participants_by_components(group, rubric):
    matrix = workshop.participant_matrix(group, rubric)
    assert sorted(matrix.index) == ["no.json", "parcial.json", "si.json"]
    assert list(matrix.columns) == [c.id for c in rubric.components]
    assert matrix.loc["parcial.json", "transparencia"] == 50.0


def test_weakest_fields_puts_first_the_field_where_most_participants_fall_short(rubric):
    portal = field_questions(rubric, "transparencia", "obligaciones_portal")
    cabildo = field_questions(rubric, "transparencia", "cabildo_abierto")
    group = [item(rubric, "uno.json", with_answers(rubric, "si", dict.fromkeys(portal + cabildo, "no"))),
             item(rubric, "dos.json", with_answers(rubric, "si", dict.fromkeys(portal, "no"))),
             refused()]
    table = workshop.weakest_fields(group, rubric, top=3)
    assert list(table["campo"])[:2] == ["obligaciones_portal", "cabildo_abierto"]
    assert list(table["por_debajo"]) == [2, 1, 0]
    assert list(table["proporcion"]) == [1.0, 0.5, 0.0]
    assert set(table["participantes"]) == {2}


def test_top_recommendations_counts_participants_who_got_each_one(rubric):
    rec = rubric.recommendations_of("transparencia")[0]
    group = [item(rubric, f"p{i}.json", with_answers(rubric, "si", dict.fromkeys(rec.triggers, "no")))
             for i in range(2)] + [item(rubric, "todo-si.json", all_answers(rubric, "si"))]
    table = workshop.top_recommendations(group, rubric, top=5)
    first = table.iloc[0]
    assert first["recomendacion"] == rec.id
    assert (first["participantes"], first["proporcion"]) == (2, pytest.approx(2 / 3, abs=1e-3))
    expected = sum(rec.id in {r.id for r in it.diagnosis["transparencia"].recommendations} for it in group)
    assert first["participantes"] == expected
    assert len(table) == 5


def test_compare_groups_shows_the_difference_in_mean_score(rubric):
    weak = [item(rubric, "a.json", all_answers(rubric, "no"))]
    strong = [item(rubric, "b.json", all_answers(rubric, "si")), item(rubric, "c.json", all_answers(rubric, "si"))]
    table = workshop.compare_groups(weak, strong, rubric, names=("marzo", "septiembre"))
    assert list(table.index) == [c.id for c in rubric.components]
    assert set(table["diferencia"]) == {100.0}
    assert set(table["participantes_marzo"]) == {1} and set(table["participantes_septiembre"]) == {2}
    assert set(table["basico_cubierto_marzo"]) == {0.0} and set(table["basico_cubierto_septiembre"]) == {1.0}


# --- the legal-minimum gate ---------------------------------------------------------------

def test_gate_effect_equals_a_direct_recount_with_and_without_the_gate(rubric):
    profiles = analysis.graded_profiles(rubric, 40, seed=3)
    table = analysis.gate_effect(rubric, profiles, thetas=(0.6, 0.8))
    for theta in (0.6, 0.8):
        gated = [autodiag.score(rubric, p, theta=theta) for p in profiles]
        free = [autodiag.score(rubric, p, theta=theta, gate=False) for p in profiles]
        for c in rubric.components:
            row = table.loc[(theta, c.id)]
            for tier in rubric.tiers:
                assert row[f"{tier.id}_con"] == round(sum(d[c.id].level == tier.id for d in gated) / 40, 3)
                assert row[f"{tier.id}_sin"] == round(sum(d[c.id].level == tier.id for d in free) / 40, 3)
            assert row["bajados"] == round(sum(d[c.id].gated for d in gated) / 40, 3)
            if not rubric.legal_minimums_of(c.id):
                assert row["bajados"] == 0


def test_sensitivity_figures_equal_a_direct_recount(rubric):
    profiles = analysis.graded_profiles(rubric, 30, seed=4)
    figures = analysis.sensitivity_figures(rubric, profiles, thetas=(0.5,))
    assert list(figures.index) == [c.id for c in rubric.components] + ["todos"]
    base = [autodiag.score(rubric, p) for p in profiles]
    low = [autodiag.score(rubric, p, theta=0.5) for p in profiles]
    for c in rubric.components:
        row = figures.loc[c.id]
        assert row["basico_con"] == round(sum(d[c.id].level == "basico" for d in base) / 30, 3)
        assert row["bajados_compuerta"] == round(sum(d[c.id].gated for d in base) / 30, 3)
        assert row["cambia_theta_0.5"] == round(sum(a[c.id].level != b[c.id].level for a, b in zip(base, low)) / 30, 3)
    assert figures.loc["todos", "basico_con"] >= figures.loc["todos", "basico_sin"], "the gate only lowers"


def test_graded_profiles_range_from_weak_to_strong(rubric):
    profiles = analysis.graded_profiles(rubric, 200, seed=1)
    shares = sorted(sum(o == "si" for o in p.values()) / len(p) for p in profiles)
    assert shares[0] < 0.1 and shares[-1] > 0.9
    assert all(rubric.admits(q, o) for p in profiles for q, o in p.items())


def test_the_sensitivity_command_prints_both_tables(capsys):
    assert analysis.main(["--n", "20", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "bajados_compuerta" in out and "cambia_theta_0.5" in out and "bajados" in out
