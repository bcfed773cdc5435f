"""`merge_answers` with a choice per conflicting question (what the app's merge control asks)."""

from __future__ import annotations

import pytest

import autodiag
from autodiag.merge import MergeConflictError, Source, merge_answers


@pytest.fixture()
def sources(rubric):
    q = [x.id for x in rubric.questions]
    page = autodiag.new_answers(rubric, {q[0]: "si", q[1]: "si"}, {q[0]: "mía"})
    a = autodiag.new_answers(rubric, {q[0]: "no", q[1]: "no", q[2]: "si"}, {q[0]: "de A"}, "A")
    b = autodiag.new_answers(rubric, {q[1]: "parcial"}, label="B")
    return q, [Source("Esta página", page, tag_notes=False), Source("A", a), Source("B", b)]


def test_each_conflict_takes_the_chosen_sources_answer(rubric, sources):
    q, src = sources
    merged = merge_answers(rubric, src, choices={q[0]: 1, q[1]: 2})
    assert merged.answers == {q[0]: "no", q[1]: "parcial", q[2]: "si"}
    assert merged.notes == {q[0]: "mía\n\n[A] de A"}, "the page's note as typed, A's with its origin"


def test_a_conflict_left_unchosen_is_refused_and_listed(rubric, sources):
    q, src = sources
    with pytest.raises(MergeConflictError) as refused:
        merge_answers(rubric, src, choices={q[0]: 0})
    assert [p.path for p in refused.value.problems] == [f"answers.{q[1]}"]


def test_a_choice_of_a_source_that_did_not_answer_does_not_resolve(rubric, sources):
    q, src = sources
    with pytest.raises(MergeConflictError):
        merge_answers(rubric, src, choices={q[0]: 2, q[1]: 0})  # B did not answer q[0]


def test_choices_override_the_winner(rubric, sources):
    q, src = sources
    merged = merge_answers(rubric, src, winner=1, choices={q[1]: 0})
    assert merged.answers[q[0]] == "no" and merged.answers[q[1]] == "si"
