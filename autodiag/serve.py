"""Serving the app with Voilà: the launcher behind ``python -m autodiag app`` and its settings.

`voila_command` builds the command that serves a notebook (by default the app) with
``python -m autodiag.server_guard``: Voilà's own application behind the guard of
`autodiag.server_guard` (only the page and its own kernel answer, a cap on kernels, short life
for kernels whose page never connects, no banners, Spanish error pages). Its settings are
`VOILA_SETTINGS` below, handed to Voilà as its initial configuration, from whatever folder the
command runs: no ``voila.json`` is read from the current folder (the repository's voila.json
is for Binder, where Voilà runs inside Jupyter's server). Options after ``--`` override them.

The app's files are found by `app_files` (the notebook and the folder holding the ``autodiag``
Voilà template: the welcome written into the page, no third-party stylesheet, Spanish error
pages). Voilà finds templates only on the Jupyter data path, which an editable install does not
add to, so the launcher puts that folder first on ``JUPYTER_PATH`` (a regular install also
copies the template into ``<prefix>/share/jupyter``). ``--content`` becomes
``AUTODIAG_CONTENT`` for the kernels. `exec_voila` replaces the calling process with the
server (same process id: stopping it stops the server).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_core.paths import jupyter_config_path

from . import resources
from .load import CONTENT_ENV

TEMPLATE = "autodiag"


@dataclass(frozen=True)
class AppFiles:
    notebook: Path  # the app notebook Voilà serves
    share: Path  # a Jupyter data folder holding voila/templates/autodiag


def app_files() -> AppFiles:
    """Where the app's notebook and Voilà template are (the one place that knows)."""
    return AppFiles(notebook=resources.app_notebook(), share=resources.jupyter_data_dir())


APP_NOTEBOOK = app_files().notebook
SHARE = app_files().share

# Voilà's settings for the app (traitlets configuration, by class).
VOILA_SETTINGS: dict[str, dict[str, Any]] = {
    "Voila": {
        # Only Jupyter's configuration folders, not the current folder: the same server wherever it starts.
        "config_file_paths": jupyter_config_path(),
    },
    "VoilaConfiguration": {
        "strip_sources": True,
        "show_tracebacks": False,
        "file_allowlist": [],
        "theme": "light",
        "preheat_kernel": True,
        "default_pool_size": 2,
        "extension_denylist": ["jupyterlab_pygments"],
        "multi_kernel_manager_class": "autodiag.server_guard.PoolSafeKernelManager",
    },
    "VoilaExecutor": {
        # after a cell's reply, how long its last messages may take to arrive (a loaded machine)
        "iopub_timeout": 60,
        "show_tracebacks": False,
        "cell_error_instruction": "La herramienta no pudo abrirse. Recargue la página; si el problema sigue, "
                                  "avise a quien administra el sitio.",
    },
    "VoilaExporter": {"exclude_markdown": True, "language_code": "es"},  # <html lang="es">
    # Pages left open are never culled (an official may pause); a page gone without a word leaves an
    # idle kernel, culled after an hour; one whose page never connected goes after
    # PoolSafeKernelManager.unconnected_grace (120 s), checked every 10 s.
    "MappingKernelManager": {"cull_idle_timeout": 3600, "cull_interval": 10, "cull_connected": False},
    "KernelManager": {"transport": "ipc"},
    # the notebook runner's waits for a kernel's messages look again every second (kernel_client.py)
    "AsyncKernelManager": {"client_class": "autodiag.kernel_client.SteadyKernelClient"},
}


def voila_command(notebook: str | os.PathLike[str] | None = None, voila_args: Sequence[str] = (),
                  content: str | os.PathLike[str] | None = None,
                  environ: Mapping[str, str] = os.environ) -> tuple[list[str], dict[str, str]]:
    """(argv, environment) that serve `notebook` (default: the app) behind the guard, from any folder."""
    files = app_files()
    env = dict(environ)
    env["JUPYTER_PATH"] = os.pathsep.join([str(files.share), *filter(None, [environ.get("JUPYTER_PATH")])])
    if content is not None:
        env[CONTENT_ENV] = str(Path(content).resolve())
    target = Path(notebook) if notebook is not None else files.notebook
    argv = [sys.executable, "-m", "autodiag.server_guard", str(target.resolve()), f"--template={TEMPLATE}",
            *voila_args]
    return argv, env


def exec_voila(notebook: str | os.PathLike[str] | None = None, voila_args: Sequence[str] = (),
               content: str | os.PathLike[str] | None = None) -> None:
    """Become the guarded Voilà server of `notebook` (see `voila_command`); does not return."""
    argv, env = voila_command(notebook, voila_args, content)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(argv[0], argv, env)
