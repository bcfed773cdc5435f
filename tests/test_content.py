"""The real rubric in content/: valid, complete, faithful to the seed and to today's law."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import yaml

import autodiag
import autodiag.resources
from autodiag.load import MIN_BASIC_QUESTIONS
from helpers import CONTENT, REPO, all_answers

SEED = REPO.parent / "shared" / "seed" / "000_bf50f3be2acc9067.txt"
COVERAGE_TOOL = REPO.parent / "shared" / "tools" / "seed_coverage.py"
COMPONENT_IDS = ["transparencia", "participacion", "rendicion_cuentas", "marco_politicas", "innovacion"]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_recommendations() -> list[str]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [line[2:].strip() for line in lines if line.startswith("- ")]


def test_the_content_folder_validates_with_no_problem_at_all():
    report = autodiag.validate_content(CONTENT)
    assert [str(p) for p in report.problems] == [], "content/ must validate cleanly"
    result = subprocess.run([sys.executable, "-m", "autodiag", "validate", str(CONTENT)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and "contenido válido" in result.stdout, result.stdout + result.stderr


def test_the_package_reads_this_folder_by_default_and_all_of_it(rubric, monkeypatch):
    monkeypatch.delenv("AUTODIAG_CONTENT", raising=False)
    assert autodiag.resources.content_dir() == CONTENT, "in a checkout, the package's content is content/"
    default = autodiag.load_rubric()
    assert (default.id, default.version) == (rubric.id, rubric.version)
    assert [q.id for q in default.questions] == [q.id for q in rubric.questions]
    assert len(default.recommendations) == 57
    assert [t.id for t in default.tiers] == ["basico", "intermedio", "avanzado"]
    assert default.texts.get("presentacion.titulo") == rubric.texts.get("presentacion.titulo")


def test_components_are_the_five_of_the_design_in_order(rubric):
    assert [c.id for c in rubric.components] == COMPONENT_IDS


def test_between_70_and_90_questions_with_every_component_in_every_tier(rubric):
    assert 70 <= len(rubric.questions) <= 90, "answerable in about 30 minutes"
    per = Counter((q.component, q.tier) for q in rubric.questions)
    for component in COMPONENT_IDS:
        assert per[(component, "basico")] >= MIN_BASIC_QUESTIONS, f"{component}: one answer would flip its level"
        for tier in ("intermedio", "avanzado"):
            assert per[(component, tier)] >= 1, f"{component} has no {tier} question"


def test_every_question_has_its_fundamento_and_legal_minimums_rest_on_a_law(rubric):
    for q in rubric.questions:
        assert len(q.fundamento) > 10, q.id
        if q.legal_minimum:
            assert q.tier == "basico", q.id
            assert re.search(r"\b(Ley|Constitución|art\.|artículo)", q.fundamento), (q.id, q.fundamento)
            assert not q.fundamento.lower().startswith("buena práctica"), q.id
    assert any(q.legal_minimum for q in rubric.questions_of("transparencia")), "the Unidad de Transparencia, at least"


def test_drafting_is_offered_only_where_a_document_or_mechanism_can_be_drafted(rubric):
    drafting = [q for q in rubric.questions if q.admits_drafting]
    assert drafting and len(drafting) < len(rubric.questions) / 2
    assert rubric.option("elaboracion").value < rubric.option("parcial").value
    assert not any(q.admits_drafting and q.legal_minimum and rubric.thresholds.legal_minimum_from == "elaboracion"
                   for q in rubric.questions), "a draft never meets a legal minimum"


def test_the_issue_examples_no_longer_contradict_themselves(rubric):
    """Issue 10: a legal minimum at No keeps the level basic; risk follows the level."""
    for minimum in (q for q in rubric.questions if q.legal_minimum):
        answers = {**all_answers(rubric, "si"), minimum.id: "no"}
        result = autodiag.score(rubric, answers)[minimum.component]
        assert (result.level, result.risk) == ("basico", "alto"), minimum.id
        assert result.unmet_minimums == (minimum.id,)
    basic_only = {q.id: ("si" if q.tier == "basico" else "no") for q in rubric.questions}
    assert all(c.risk != "alto" and c.level == "intermedio" for c in autodiag.score(rubric, basic_only))
    reverse = {q.id: ("no" if q.tier == "basico" else "si") for q in rubric.questions}
    for c in autodiag.score(rubric, reverse):
        assert c.level == "basico" and c.risk != "bajo", c.component
        if rubric.legal_minimums_of(c.component):
            assert c.risk == "alto", c.component


def test_every_question_has_help_and_evidence_and_reads_as_a_question(rubric):
    for q in rubric.questions:
        assert q.text.startswith("¿") and q.text.endswith("?"), q.id
        assert len(q.help) > 40 and len(q.evidence) > 15, q.id


def test_the_57_recommendations_appear_verbatim_in_the_seed_order(rubric):
    seed = [norm(text).replace("de manear integral", "de manera integral") for text in seed_recommendations()]
    assert len(seed) == 57
    assert [norm(r.text) for r in rubric.recommendations] == seed


def test_the_seed_blocks_per_component_are_13_16_18_5_5(rubric):
    per = Counter(r.component for r in rubric.recommendations)
    assert [per[c] for c in COMPONENT_IDS] == [13, 16, 18, 5, 5]


def test_editorial_additions_are_bracketed_and_complete_the_unfinished_recommendation(rubric):
    added = [r for r in rubric.recommendations if r.addition]
    assert all(r.addition.startswith("[") and r.addition.endswith("]") for r in added)
    assert any(r.text.startswith("Brindar materiales de apoyo") for r in added)
    for r in added:
        if "órgano garante" in r.text:
            assert "autoridad" in r.addition.lower(), f"{r.id}: the seed's term gets the current one in brackets"


def test_the_shared_seed_coverage_tool_passes():
    result = subprocess.run([sys.executable, str(COVERAGE_TOOL), str(CONTENT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "57/57" in result.stdout


def test_no_question_or_help_rests_on_institutions_dissolved_by_the_2025_reform(rubric):
    """The INAI may be named only as what the reform dissolved (e.g. to spot an outdated reglamento)."""
    for q in rubric.questions:
        assert "INAI" not in q.text, q.id
        text = f"{q.help} {q.evidence}"
        for match in re.finditer("INAI", text):
            context = text[max(0, match.start() - 80): match.end() + 120]
            assert re.search(r"antigu|extint|anterior|reforma|elimin|desapareci", context), (q.id, context)
        assert not re.search(r"órgano garante autónomo|organismo autónomo garante", f"{q.text} {text}", re.I), q.id


def test_the_considerations_are_the_seeds_five_verbatim(rubric):
    seed = norm(SEED.read_text(encoding="utf-8"))
    points = rubric.texts.list("consideraciones.puntos")
    assert len(points) == 5
    for point in points:
        assert norm(point) in seed


def test_no_in_the_answer_scale_is_quoted_so_yaml_keeps_it_a_string():
    raw = yaml.safe_load((CONTENT / "rubrica.yaml").read_text(encoding="utf-8"))
    assert [o["id"] for o in raw["escala"]] == ["si", "parcial", "elaboracion", "no", "nose"]
