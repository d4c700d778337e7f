"""A real Support API server on loopback, a transport that injects faults, and async helpers."""

from __future__ import annotations

import asyncio
import contextlib
import io
import shutil
import socket
import sys
import time
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from console.api.client import SupportClient
from console.server.embedded import EmbeddedServer
from console.server.settings import ServerSettings, sqlite_url

T = TypeVar("T")
DEMO_PASSWORD = "demo-pass-2026"


def run(coro: Coroutine[Any, Any, T], timeout: float = 90.0) -> T:
    """Run a scenario; when it overruns, say where every task was waiting before failing."""

    async def guarded() -> T:
        task = asyncio.ensure_future(coro)
        done, _ = await asyncio.wait({task}, timeout=timeout)
        if task in done:
            return task.result()
        stacks = io.StringIO()
        for other in asyncio.all_tasks():
            if other is not asyncio.current_task():
                other.print_stack(limit=12, file=stacks)
        for ident, frame in sys._current_frames().items():  # and every thread (to_thread work)
            stacks.write(f"thread {ident}:\n{''.join(traceback.format_stack(frame, limit=12))}")
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
        raise TimeoutError(f"scenario overran {timeout} s; tasks:\n{stacks.getvalue()}")

    return asyncio.run(guarded())


async def wait_until(
    predicate: Callable[[], bool], timeout: float = 20.0, what: str = "condition"
) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.03)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def copy_database(template: Path, target_dir: Path) -> Path:
    target = target_dir / template.name
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{template}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
    return target


class LoopbackServer:
    """EmbeddedServer on a fixed port, so a restarted server has the same URL."""

    def __init__(self, database: Path) -> None:
        settings = ServerSettings(
            database_url=sqlite_url(database),
            demo=True,
            simulate=False,
            event_poll_s=0.05,
            demo_tickets=1_200,  # several bootstrap pages, without the full demo's 5,000
            with_training=False,
        )
        self.database = database
        self.port = free_port()
        self._server = EmbeddedServer(settings, port=self.port)
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> str:
        url = self._server.start()
        assert url == self.url
        return url

    def stop(self) -> None:
        self._server.stop()

    async def astart(self) -> None:
        await asyncio.to_thread(self.start)

    async def astop(self) -> None:
        await asyncio.to_thread(self.stop)


async def signed_in(url: str, username: str, **kwargs: Any) -> SupportClient:
    client = SupportClient(url, **kwargs)
    await client.login(username, DEMO_PASSWORD)
    return client


Action = Callable[[httpx.Request, httpx.AsyncBaseTransport], Awaitable[httpx.Response]]


@dataclass
class Fault:
    method: str
    path_part: str
    action: Action
    times: int = 1
    hits: int = field(default=0)

    def matches(self, request: httpx.Request) -> bool:
        return (
            self.hits < self.times
            and request.method == self.method
            and self.path_part in request.url.path
        )


class FaultyTransport(httpx.AsyncBaseTransport):
    """Forwards to the real server unless a queued fault matches the request."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, str | None]] = []

    def add(self, method: str, path_part: str, action: Action, times: int = 1) -> Fault:
        fault = Fault(method, path_part, action, times)
        self.faults.append(fault)
        return fault

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = request.headers.get("Idempotency-Key")
        self.requests.append((request.method, request.url.path, key))
        for fault in self.faults:
            if fault.matches(request):
                fault.hits += 1
                return await fault.action(request, self.inner)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def respond(status: int, body: dict[str, Any] | None = None) -> Action:
    async def action(request: httpx.Request, inner: httpx.AsyncBaseTransport) -> httpx.Response:
        return httpx.Response(status, json=body or {"error": {"code": "x", "message": "refused"}})

    return action


async def lose_response(request: httpx.Request, inner: httpx.AsyncBaseTransport) -> httpx.Response:
    """The server does the work, the answer never arrives."""
    response = await inner.handle_async_request(request)
    await response.aread()
    await response.aclose()
    raise httpx.ReadError("connection reset after the request was handled", request=request)


async def stall(request: httpx.Request, inner: httpx.AsyncBaseTransport) -> httpx.Response:
    """What httpcore does when the server takes longer than the read timeout."""
    timeout = request.extensions.get("timeout", {}).get("read") or 1.0
    await asyncio.sleep(timeout)
    raise httpx.ReadTimeout("timed out", request=request)
