"""The floor for bench/chat.py: the same message traffic over a bare SSE push.

A Starlette app on loopback takes each message as a POST and pushes it at once onto one
Server-Sent Events stream, read by one httpx client in the same process: an HTTP request in, an
SSE event out, and nothing else (no database, no events table, no store). Returns the delays,
in ms, from just before each POST to its event read by the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

__all__ = ["floor_latencies"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _app(queue: asyncio.Queue[str]) -> Starlette:
    async def push(request: Request) -> Response:
        queue.put_nowait((await request.body()).decode())
        return Response(status_code=204)

    async def stream(_request: Request) -> StreamingResponse:
        async def events() -> AsyncIterator[bytes]:
            yield b": connected\n"
            while True:
                data = await queue.get()
                yield f"data: {data}\n\n".encode()

        return StreamingResponse(events(), media_type="text/event-stream")

    return Starlette(routes=[Route("/push", push, methods=["POST"]), Route("/stream", stream)])


async def floor_latencies(customers: int, rate: float, seconds: float) -> list[float]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    port = _free_port()
    config = uvicorn.Config(_app(queue), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    base = f"http://127.0.0.1:{port}"
    posted: dict[str, float] = {}
    received: dict[str, float] = {}
    async with httpx.AsyncClient(base_url=base, timeout=10) as reader:

        async def read() -> None:
            async with reader.stream("GET", "/stream") as response:
                async for line in response.aiter_lines():
                    if line.startswith("data: "):
                        received[line[6:]] = time.perf_counter()

        reading = asyncio.create_task(read())
        await asyncio.sleep(0.1)

        async def one_customer(index: int, client: httpx.AsyncClient) -> None:
            interval = 1.0 / rate
            deadline = time.perf_counter() + seconds
            next_at = time.perf_counter() + interval * (index % 10) / 10
            while next_at < deadline:
                await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
                key = uuid.uuid4().hex
                posted[key] = time.perf_counter()
                await client.post("/push", content=key)
                next_at += interval

        async with httpx.AsyncClient(base_url=base, timeout=10) as sender:
            await asyncio.gather(*(one_customer(i, sender) for i in range(customers)))
        await asyncio.sleep(0.5)
        reading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reading
    server.should_exit = True
    await serving
    return [(received[k] - t) * 1000 for k, t in posted.items() if k in received]
