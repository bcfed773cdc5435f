"""The kernel client the server's notebook runner uses: its waits for a message look again every second.

Voilà builds each page by running the app's notebook through nbclient, which waits for a cell's
messages with ``get_msg(timeout=None)``: one asyncio poll of a zeromq socket that only the socket's
wake-up ends. zeromq signals new messages through an edge-triggered descriptor, and asyncio
integrations of it have missed such wake-ups before (pyzmq issues #1065, #1085, #1203): a wait
that missed one lasts until the kernel sends something else, and a kernel that has finished the
cell sends nothing more. In CI a page's cell had its reply but not its last messages for over
120 s, and the page never arrived. Here a wait without a timeout is made of waits of
`SLICE_SECONDS`, each of which looks at the socket afresh when it ends (pyzmq's poll reads the
socket's state directly on timeout), so a missed wake-up costs at most one slice.

The app's settings (`autodiag.serve.VOILA_SETTINGS`) make every kernel manager of the server hand out
`SteadyKernelClient`.
"""

from __future__ import annotations

from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

SLICE_SECONDS = 1.0
"""The longest a missed wake-up can delay a message."""


class SteadyChannel(AsyncZMQSocketChannel):
    """A channel whose `get_msg` without a timeout waits in slices of `SLICE_SECONDS`."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:  # type: ignore[override]
        if timeout is not None:
            return await super().get_msg(timeout)
        while True:
            if await self.socket.poll(int(SLICE_SECONDS * 1000)):
                return await self._recv()


class SteadyKernelClient(AsyncKernelClient):
    """An asyncio kernel client whose shell, iopub, stdin and control channels are `SteadyChannel`s."""

    shell_channel_class = Type(SteadyChannel)
    iopub_channel_class = Type(SteadyChannel)
    stdin_channel_class = Type(SteadyChannel)
    control_channel_class = Type(SteadyChannel)
