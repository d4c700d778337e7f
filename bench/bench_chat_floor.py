"""The floor for bench/chat.py: the same message traffic over a bare SSE push, in the same
three-process shape.

`serve`: a Starlette app on loopback takes each message as a POST and pushes it at once onto
one Server-Sent Events stream; prints its URL, runs until stdin closes. `read URL`: one httpx
client reads that stream; prints "ready" once connected and, when stdin closes, one JSON line
{key: when it was read}. The posters run in the calling process. An HTTP request in, an SSE
event out, and nothing else (no database, no events table, no store). Times are
time.monotonic(), one clock for the three processes.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

__all__ = ["floor_latencies"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve() -> None:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    queue: asyncio.Queue[str] = asyncio.Queue()

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

    app = Starlette(routes=[Route("/push", push, methods=["POST"]), Route("/stream", stream)])
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))

    async def main() -> None:
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.01)
        print(f"http://127.0.0.1:{port}", flush=True)
        await asyncio.to_thread(sys.stdin.read)
        server.should_exit = True
        await serving

    asyncio.run(main())


def read(url: str) -> None:
    received: dict[str, float] = {}

    async def main() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=None) as reader:

            async def follow() -> None:
                async with reader.stream("GET", "/stream") as response:
                    print("ready", flush=True)
                    async for line in response.aiter_lines():
                        if line.startswith("data: "):
                            received[line[6:]] = time.monotonic()

            following = asyncio.create_task(follow())
            await asyncio.to_thread(sys.stdin.read)
            following.cancel()
            await asyncio.gather(following, return_exceptions=True)

    asyncio.run(main())
    print(json.dumps(received), flush=True)


def _role(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


async def _post_all(url: str, customers: int, rate: float, seconds: float) -> dict[str, float]:
    posted: dict[str, float] = {}

    async def one_customer(index: int, client: httpx.AsyncClient) -> None:
        interval = 1.0 / rate
        deadline = time.monotonic() + seconds
        next_at = time.monotonic() + interval * random.Random(index).random()  # as bench/chat.py
        while next_at < deadline:
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            key = uuid.uuid4().hex
            posted[key] = time.monotonic()
            await client.post("/push", content=key)
            next_at += interval

    async with httpx.AsyncClient(base_url=url, timeout=10) as sender:
        await asyncio.gather(*(one_customer(i, sender) for i in range(customers)))
    await asyncio.sleep(0.5)
    return posted


def floor_latencies(customers: int, rate: float, seconds: float) -> list[float]:
    """Delays in ms from just before each POST to its event read by the other process."""
    server = _role("serve")
    reader = None
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        reader = _role("read", url)
        assert reader.stdout is not None
        if reader.stdout.readline().strip() != "ready":
            raise RuntimeError("the floor's reader did not connect")
        posted = asyncio.run(_post_all(url, customers, rate, seconds))
        received = json.loads(reader.communicate(timeout=60)[0].strip().splitlines()[-1])
    finally:
        for process in (reader, server):
            if process is not None and process.poll() is None:
                try:
                    process.communicate(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
    return [(received[k] - t) * 1000 for k, t in posted.items() if k in received]


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve()
    elif sys.argv[1:2] == ["read"]:
        read(sys.argv[2])
    else:
        raise SystemExit("usage: bench_chat_floor.py serve | read URL")
