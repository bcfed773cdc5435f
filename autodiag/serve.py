"""Serving the app with Voilà: the kernel manager named in voila.json.

With preheated kernels (``VoilaConfiguration.preheat_kernel``) a kernel waits in the pool,
idle, until a page takes it. Voilà keeps pool kernels from being culled, but once a page has
taken one and before the page's websocket connects, the kernel has no connection and looks idle
since it ran the notebook: the culler could shut it down under the official's eyes. This
manager counts a kernel's idleness from when it left the pool (the first time the culler sees
it outside the pool), so culling applies only to kernels whose page is really gone.
"""

from __future__ import annotations

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class PoolSafeKernelManager(AsyncMappingKernelManager):
    """`AsyncMappingKernelManager` whose idle clock restarts when a kernel leaves Voilà's pool."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen_outside_pool: set[str] = set()

    async def cull_kernel_if_idle(self, kernel_id: str):
        # Voilà's pool manager returns early for pool kernels: a kernel reaching here is a page's
        if kernel_id not in self._seen_outside_pool:
            self._seen_outside_pool.add(kernel_id)
            kernel = self._kernels.get(kernel_id)
            if kernel is not None and not self._kernel_connections.get(kernel_id, 0):
                kernel.last_activity = utcnow()
                return None
        return await super().cull_kernel_if_idle(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        self._seen_outside_pool.discard(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)
