"""`import autodiag` and `load_rubric()` stay light: pandas and matplotlib load only on demand."""

import subprocess
import sys

CHECK = """
import sys, autodiag
autodiag.score(autodiag.load_rubric(), {})
heavy = sorted(m for m in ("pandas", "matplotlib", "numpy", "typst", "ipywidgets") if m in sys.modules)
print(",".join(heavy))
"""


def test_import_load_and_score_do_not_import_heavy_libraries():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"imported eagerly: {result.stdout.strip()}"
