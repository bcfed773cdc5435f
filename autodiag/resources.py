"""Where the package's own files are, from a checkout or from an installed wheel.

The repository's ``content/``, ``notebooks/autodiagnostico.ipynb``, ``voila.json`` and the
``autodiag`` Voilà template (``share/jupyter/voila/templates/autodiag``) are the one source.
A build copies them into the package (``autodiag/_data/``, see ``setup.py``); an
installed wheel therefore carries them, while a checkout (or an editable install) reads
them from the repository itself. Code never builds these paths by hand: it asks here.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPOSITORY = PACKAGE.parent
DATA = PACKAGE / "_data"
"""Where a build puts the copies (absent in a checkout)."""

APP_NOTEBOOK_NAME = "autodiagnostico.ipynb"
TEMPLATE_NAME = "autodiag"


def _first(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[0]


def content_dir() -> Path:
    """The default content folder: the checkout's ``content/``, else the copy in the installed package."""
    return _first(REPOSITORY / "content" / "rubrica.yaml", DATA / "content" / "rubrica.yaml").parent


def app_notebook() -> Path:
    """The app notebook (``notebooks/autodiagnostico.ipynb`` in a checkout, its copy when installed)."""
    return _first(REPOSITORY / "notebooks" / APP_NOTEBOOK_NAME, DATA / "notebooks" / APP_NOTEBOOK_NAME)


def voila_config() -> Path:
    """The app's Voilà settings (``voila.json``: sources stripped, tracebacks hidden)."""
    return _first(REPOSITORY / "voila.json", DATA / "voila.json")


def jupyter_data_dir() -> Path:
    """A ``share/jupyter`` folder holding ``voila/templates/autodiag``: put it first on ``JUPYTER_PATH``."""
    template = Path("voila") / "templates" / TEMPLATE_NAME / "index.html.j2"
    return _first(REPOSITORY / "share" / "jupyter" / template, DATA / "share" / "jupyter" / template).parents[3]
