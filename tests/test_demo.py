"""`python -m autodiag.demo`: synthetic, clearly labelled, reproducible demo data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import autodiag
from autodiag import demo
from autodiag.batch import score_folder
from helpers import REPO


def contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def written(tmp_path: Path, rubric) -> Path:
    demo.write_demo(tmp_path, rubric, n=4, seed=1)
    return tmp_path


def test_group_a_has_n_valid_files_and_the_two_broken_ones(written, rubric):
    items = score_folder(written / "grupo_a", rubric)
    assert sorted(i.name for i in items if i.ok) == [f"participante-0{k}.json" for k in range(1, 5)]
    assert sorted(i.name for i in items if not i.ok) == sorted(demo.BROKEN_NAMES)


def test_group_b_has_n_valid_files_and_no_broken_one(written, rubric):
    items = score_folder(written / "grupo_b", rubric)
    assert len(items) == 4 and all(i.ok for i in items)


@pytest.mark.parametrize(("name", "code"), [("roto-no-json.json", "no-json"),
                                            ("roto-opcion-desconocida.json", "opcion-desconocida")])
def test_each_broken_file_is_refused_for_the_reason_its_name_says(written, rubric, name, code):
    with pytest.raises(autodiag.AnswersFileError) as refused:
        autodiag.read_answers_file(written / "grupo_a" / name, rubric)
    assert refused.value.code == code


def test_every_valid_file_says_it_is_synthetic_and_answers_every_question(written, rubric):
    for path in sorted(written.glob("grupo_*/participante-*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["label"].startswith("DATOS SINTÉTICOS"), path.name
        assert doc["schema"] == "autodiag/answers"
        assert set(doc["answers"]) == {q.id for q in rubric.questions}


def test_the_readme_says_the_data_is_synthetic_and_how_to_regenerate_it(written):
    readme = (written / "README.md").read_text(encoding="utf-8")
    assert "SINTÉTICOS" in readme
    assert "python -m autodiag.demo notebooks/datos_demo --n 4 --seed 1" in readme


def test_the_same_seed_writes_identical_files_and_another_seed_does_not(written, tmp_path_factory, rubric):
    again = tmp_path_factory.mktemp("again")
    demo.write_demo(again, rubric, n=4, seed=1)
    assert contents(again) == contents(written)
    other = tmp_path_factory.mktemp("other")
    demo.write_demo(other, rubric, n=4, seed=2)
    assert contents(other)["grupo_a/participante-01.json"] != contents(written)["grupo_a/participante-01.json"]


def test_the_two_groups_differ(written):
    files = contents(written)
    assert files["grupo_a/participante-01.json"] != files["grupo_b/participante-01.json"]


def test_a_smaller_n_leaves_no_stale_participants_and_keeps_other_files(written, rubric):
    (written / "grupo_a" / "notas-del-taller.txt").write_text("mías", encoding="utf-8")
    (written / "grupo_a" / "rubrica-1.0-participante-01.json").write_bytes(b"{}")
    demo.write_demo(written, rubric, n=2, seed=1)
    names = sorted(p.name for p in (written / "grupo_a").iterdir())
    assert names == ["notas-del-taller.txt", "participante-01.json", "participante-02.json", *demo.BROKEN_NAMES,
                     "rubrica-1.0-participante-01.json"]


def test_the_command_writes_the_demo_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "autodiag.demo", str(tmp_path / "datos"), "--n", "3",
                             "--seed", "5"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "datos" / "grupo_a").glob("participante-*.json"))) == 3
    assert len(list((tmp_path / "datos" / "grupo_b").glob("participante-*.json"))) == 3


COMMITTED = REPO / "notebooks" / "datos_demo"
OLD_VERSION = sorted(COMMITTED.rglob("rubrica-1.0-*.json"))


def test_the_committed_demo_data_is_what_the_documented_command_writes(tmp_path, rubric):
    demo.write_demo(tmp_path, rubric, n=demo.DEFAULT_N, seed=demo.DEFAULT_SEED)
    kept = {k: v for k, v in contents(COMMITTED).items() if not Path(k).name.startswith("rubrica-1.0-")}
    assert kept == contents(tmp_path), "regenerate with: python -m autodiag.demo notebooks/datos_demo"


def test_the_demo_mixes_current_files_with_labelled_files_of_rubric_1_0(rubric):
    assert len(OLD_VERSION) == 3
    items = {i.name: i for i in score_folder(COMMITTED / "grupo_a", rubric)}
    for path in OLD_VERSION:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["rubric_version"] == "1.0" and doc["label"].endswith("(rúbrica 1.0)")
        item = items[path.name]
        assert item.ok and item.version == "1.0" and item.answers.rubric_version == rubric.version
        assert any("1.0" in notice for notice in item.notices)
    current = [i for i in items.values() if i.ok and i.name.startswith("participante-")]
    assert current and all(i.version == rubric.version and not i.notices for i in current)
