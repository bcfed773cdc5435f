"""`import autodiag` and `load_rubric()` stay light: pandas and matplotlib load only on demand."""

from helpers import loaded_after


def test_import_load_and_score_do_not_import_heavy_libraries():
    heavy = loaded_after("import autodiag\nautodiag.score(autodiag.load_rubric(), {})",
                         ("pandas", "matplotlib", "numpy", "typst", "ipywidgets"))
    assert heavy == [], f"imported eagerly: {heavy}"
