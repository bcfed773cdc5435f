"""autodiag: Herramienta de Autodiagnóstico de Gobierno Abierto Municipal.

The public contract (DESIGN.md)::

    rubric = autodiag.load_rubric()          # the content the package carries, or $AUTODIAG_CONTENT
    diagnosis = autodiag.score(rubric, {"tr_reglamento": "si", ...})
    diagnosis["transparencia"].level         # basico | intermedio | avanzado

`import autodiag` loads neither pandas nor matplotlib: frames and the notebooks' figures
(`plots`) import them when they are asked for; the app, its results chart (SVG, `chart`) and
the reports never do (the PDF compiles in a process of its own, `pdf`). Every error raised
for bad input is an `AutodiagError` carrying `Problem`s (file, key path, Spanish message, slug).
"""

from .answers import AnswersFile, AnswersFileError, LoadedAnswers, new_answers, read_answers, read_answers_file
from .errors import AutodiagError, Problem
from .load import ContentError, load_rubric, validate_content
from .model import Rubric
from .scoring import AnswersError, ComponentResult, Diagnosis, score

__version__ = "0.1.0"

__all__ = [
    "AnswersError",
    "AnswersFile",
    "AnswersFileError",
    "AutodiagError",
    "ComponentResult",
    "ContentError",
    "Diagnosis",
    "LoadedAnswers",
    "Problem",
    "Rubric",
    "load_rubric",
    "new_answers",
    "read_answers",
    "read_answers_file",
    "score",
    "validate_content",
]
