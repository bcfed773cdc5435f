"""Serving the app with Voilà: the launcher behind ``python -m autodiag app``, and the kernel
manager named in voila.json.

**Launcher.** `voila_command` builds the command that serves a notebook (by default the app,
notebooks/autodiagnostico.ipynb) from the repository's root, so that its voila.json is read,
with the repository's own Voilà template, ``autodiag`` (share/jupyter/voila/templates/autodiag:
the welcome written into the page, no third-party stylesheet, a quiet spinner). Voilà finds
templates only on the Jupyter data path, which an editable install (``pip install -e .``) does
not add to, so the launcher puts the repository's share/jupyter first on ``JUPYTER_PATH``
(a regular install also copies the template into ``<prefix>/share/jupyter``). ``--content``
becomes ``AUTODIAG_CONTENT`` for the kernels. `exec_voila` replaces the calling process with
Voilà (same process id: stopping it stops the server).

**Kernel manager.** Culling must never take the kernel of a page still in use. With preheated
kernels (``VoilaConfiguration.preheat_kernel``) a kernel waits in the pool, idle, until a page
takes it. Voilà keeps pool kernels from being culled, but once a page has taken one and before
the page's websocket connects, the kernel has no connection and looks idle since it ran the
notebook: the culler could shut it down under the official's eyes. The same holds for a kernel
started for a page that is slow to load (a crowded workshop server). This manager counts a
kernel's idleness from when it left the pool (the first time the culler sees it outside the
pool) and gives a kernel whose page has never connected a long grace, so culling applies only
to kernels whose page is really gone.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer

from .load import CONTENT_ENV

REPO = Path(__file__).resolve().parent.parent
APP_NOTEBOOK = REPO / "notebooks" / "autodiagnostico.ipynb"
SHARE = REPO / "share" / "jupyter"
TEMPLATE = "autodiag"


def voila_command(notebook: str | os.PathLike[str] = APP_NOTEBOOK, voila_args: Sequence[str] = (),
                  content: str | os.PathLike[str] | None = None,
                  environ: Mapping[str, str] = os.environ) -> tuple[list[str], dict[str, str]]:
    """(argv, environment) that serve `notebook` with Voilà and the ``autodiag`` template; run from `REPO`."""
    env = dict(environ)
    env["JUPYTER_PATH"] = os.pathsep.join([str(SHARE), *filter(None, [environ.get("JUPYTER_PATH")])])
    if content is not None:
        env[CONTENT_ENV] = str(Path(content).resolve())
    argv = [sys.executable, "-m", "voila", str(Path(notebook).resolve()), f"--template={TEMPLATE}", *voila_args]
    return argv, env


def exec_voila(notebook: str | os.PathLike[str] = APP_NOTEBOOK, voila_args: Sequence[str] = (),
               content: str | os.PathLike[str] | None = None) -> None:
    """Become Voilà serving `notebook` (see `voila_command`); does not return."""
    argv, env = voila_command(notebook, voila_args, content)
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(REPO)
    os.execve(argv[0], argv, env)


class PoolSafeKernelManager(AsyncMappingKernelManager):
    """`AsyncMappingKernelManager` that culls only kernels whose page has come and gone.

    - A kernel leaving Voilà's pool gets a fresh idle clock (see the module's text).
    - A kernel whose page has never connected (a page still loading on a crowded server: its
      kernel ran the notebook and waits, idle, for the page's front end) is kept for at least
      `unconnected_grace` seconds of inactivity, even when `cull_idle_timeout` is shorter.
    """

    unconnected_grace = Integer(900, config=True,
                                help="Idle seconds before a kernel whose page never connected may be culled "
                                     "(at least cull_idle_timeout).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen_outside_pool: set[str] = set()
        self._connected: set[str] = set()

    async def cull_kernel_if_idle(self, kernel_id: str):
        # Voilà's pool manager returns early for pool kernels: a kernel reaching here is a page's
        kernel = self._kernels.get(kernel_id)
        if kernel is None:
            return None
        if self._kernel_connections.get(kernel_id, 0):
            self._connected.add(kernel_id)
        if kernel_id not in self._seen_outside_pool:
            self._seen_outside_pool.add(kernel_id)
            if kernel_id not in self._connected:
                kernel.last_activity = utcnow()
                return None
        if kernel_id not in self._connected and getattr(kernel, "execution_state", None) != "dead":
            grace = timedelta(seconds=max(self.unconnected_grace, self.cull_idle_timeout))
            if utcnow() - kernel.last_activity < grace:
                return None
        return await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        self._seen_outside_pool.discard(kernel_id)
        self._connected.discard(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)
