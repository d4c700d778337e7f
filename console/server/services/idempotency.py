"""Idempotency-Key records: (agent, key) -> (request hash, status, response body)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import IdempotencyRecord

MAX_KEY_CHARS = 100


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: Any


def request_hash(method: str, path: str, body: bytes) -> str:
    """Hash of what the request asks for; JSON is canonicalised so whitespace does not count."""
    canonical = b""
    if body:
        try:
            canonical = json.dumps(
                json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
            ).encode("utf-8")
        except ValueError:
            canonical = body
    digest = hashlib.sha256()
    for part in (method.upper().encode(), path.encode(), canonical):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def lookup(
    session: Session, agent_id: int, key: str, req_hash: str, ttl_s: float
) -> StoredResponse | None:
    """The stored response for a repeated key, None for a new one; 422 if the body differs."""
    record = session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.agent_id == agent_id, IdempotencyRecord.key == key
        )
    )
    if record is None:
        return None
    if record.created_at <= utcnow() - timedelta(seconds=ttl_s):
        session.delete(record)
        session.flush()
        return None
    if record.request_hash != req_hash:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request.",
        )
    return StoredResponse(record.status_code, record.response_body)


def remember(
    session: Session, agent_id: int, key: str, req_hash: str, status_code: int, body: Any
) -> None:
    session.add(
        IdempotencyRecord(
            agent_id=agent_id,
            key=key,
            request_hash=req_hash,
            status_code=status_code,
            response_body=body,
            created_at=utcnow(),
        )
    )
    session.flush()


def purge_expired(session: Session, ttl_s: float) -> int:
    cutoff = utcnow() - timedelta(seconds=ttl_s)
    result = session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at <= cutoff)
    )
    return int(getattr(result, "rowcount", 0) or 0)
