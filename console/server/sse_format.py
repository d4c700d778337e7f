"""One event as the bytes a Server-Sent Events stream sends."""

from __future__ import annotations

from console.api.schemas import EventOut


def format_event(event: EventOut) -> bytes:
    return f"id: {event.id}\nevent: {event.type}\ndata: {event.model_dump_json()}\n\n".encode()
