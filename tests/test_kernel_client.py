"""The server's kernel client: a wait for a kernel's message never hangs on a missed wake-up."""

from __future__ import annotations

import asyncio

import zmq
import zmq.asyncio
from jupyter_client.session import Session
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets.config import Config

from autodiag.kernel_client import SLICE_SECONDS, SteadyChannel, SteadyKernelClient
from autodiag.serve import VOILA_SETTINGS


class SocketThatMissedItsWakeUps:
    """A socket holding a message whose arrival no wait was woken for: only a poll that ends finds it."""

    def __init__(self, polls_before_found: int):
        self.timeouts: list[int | None] = []
        self.polls_before_found = polls_before_found

    async def poll(self, timeout: int | None = None) -> int:
        self.timeouts.append(timeout)
        if timeout is None:
            await asyncio.Event().wait()  # the missed wake-up: this wait would never end
        return int(len(self.timeouts) > self.polls_before_found)


def channel_on(socket: SocketThatMissedItsWakeUps) -> SteadyChannel:
    """A steady channel reading `socket` (a channel is made on a real asyncio socket, then given this
    one); what it receives once the socket is ready is a status message."""
    channel = SteadyChannel(zmq.asyncio.Context.instance().socket(zmq.SUB), Session())
    channel.socket = socket  # type: ignore[assignment]
    channel._recv = lambda: asyncio.sleep(0, result={"msg_type": "status"})  # type: ignore[method-assign]
    return channel


def test_a_wait_without_a_timeout_is_made_of_one_second_waits_that_look_again():
    socket = SocketThatMissedItsWakeUps(polls_before_found=2)
    channel = channel_on(socket)

    async def received() -> dict:
        return await asyncio.wait_for(channel.get_msg(timeout=None), 10)

    assert asyncio.run(received()) == {"msg_type": "status"}
    assert socket.timeouts == [int(SLICE_SECONDS * 1000)] * 3


def test_a_wait_with_a_timeout_is_left_as_it_was():
    socket = SocketThatMissedItsWakeUps(polls_before_found=0)
    channel = channel_on(socket)

    async def received() -> dict:
        return await channel.get_msg(timeout=5)

    assert asyncio.run(received()) == {"msg_type": "status"}
    assert socket.timeouts == [5000]


def test_a_real_message_arrives_through_a_steady_channel():
    async def scenario() -> dict:
        context = zmq.asyncio.Context()
        publisher, subscriber = context.socket(zmq.PUB), context.socket(zmq.SUB)
        port = publisher.bind_to_random_port("tcp://127.0.0.1")
        subscriber.connect(f"tcp://127.0.0.1:{port}")
        subscriber.setsockopt(zmq.SUBSCRIBE, b"")
        session = Session()
        channel = SteadyChannel(subscriber, session)
        waiting = asyncio.ensure_future(channel.get_msg(timeout=None))
        while not waiting.done():  # PUB drops what it sends before the subscription arrives
            session.send(publisher, "status", {"execution_state": "idle"})
            await asyncio.sleep(0.05)
        message = await waiting
        publisher.close(0)
        subscriber.close(0)
        context.term()
        return message

    assert asyncio.run(scenario())["content"] == {"execution_state": "idle"}


def test_the_servers_kernel_managers_hand_out_the_steady_client():
    config = Config(VOILA_SETTINGS)
    kernel_manager_class = AsyncMappingKernelManager(config=config).kernel_manager_factory  # one per kernel
    client = kernel_manager_class(config=config).client()
    assert isinstance(client, SteadyKernelClient)
    assert client.iopub_channel_class is SteadyChannel and client.shell_channel_class is SteadyChannel
