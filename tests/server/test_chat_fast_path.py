"""The customer's chat message in plain SQL writes what the ORM path writes, row for row and
event for event; it declines everything but the plain case, and Database.write_now never waits."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from console.api.schemas_chat import CustomerChatStart, CustomerMessageCreate
from console.server.clock import utcnow
from console.server.db import Database
from console.server.errors import ApiError
from console.server.models import Event
from console.server.models_chat import ChatConversation, ChatMessage
from console.server.notifier import PublishedEvent
from console.server.services import chat_conversations, chat_fast_path
from console.server.services.chat_context import ChatContext
from console.server.settings import sqlite_url

CTX = ChatContext(
    offer_timeout_s=30,
    agent_timeout_s=60,
    default_capacity=5,
    average_handle_s=300,
    find_article=lambda *_args, **_kwargs: None,
)
START = datetime(2026, 5, 4, 3, 2, 1, 123456, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """One fixed time for every module of the server that reads the clock."""
    now = [START]
    for module in list(sys.modules.values()):
        name = getattr(module, "__name__", "")
        if name.startswith("console.server") and getattr(module, "utcnow", None) is utcnow:
            monkeypatch.setattr(module, "utcnow", lambda: now[0])
    monkeypatch.setattr(chat_conversations, "new_token", lambda: "fixed-token")
    return now


def _database(path: Path, state: str) -> tuple[Database, int, list[Any]]:
    """A fresh database with one guest conversation in `state`; announced events collected."""
    db = Database(sqlite_url(path))
    db.create_schema()
    with db.write() as session:
        conversation, token = chat_conversations.start(
            session, CTX, CustomerChatStart(language="en", guest_name="Guest 1")
        )
        assert token == "fixed-token"
        row = session.get(ChatConversation, conversation.id)
        assert row is not None
        row.state = state
        row.assigned_agent_id = 7 if state in ("active", "ended") else None
        row.offered_agent_id = 7 if state == "offered" else None
        # Its last change a moment ago: the message moves updated_at to its own time.
        row.updated_at = START - timedelta(seconds=5)
    announced: list[Any] = []
    db.notifier.notify = lambda published=None: announced.append(published)  # type: ignore[method-assign]
    return db, conversation.id, announced


def _rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.read() as session:
        return {
            table: [tuple(r) for r in session.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
            for table in ("chat_conversations", "chat_messages", "events")
        }


def _message(
    body: str = "我的充值到账了吗？ Is my deposit there yet?", **extra: Any
) -> CustomerMessageCreate:
    return CustomerMessageCreate(body=body, client_id="client-1", **extra)


@pytest.mark.parametrize("state", ["active", "offered"])
def test_the_plain_sql_writes_and_announces_what_the_orm_writes(
    tmp_path: Path, clock: list[datetime], state: str
) -> None:
    fast_db, cid, fast_announced = _database(tmp_path / "fast.sqlite3", state)
    orm_db, orm_cid, orm_announced = _database(tmp_path / "orm.sqlite3", state)
    assert cid == orm_cid and _rows(fast_db) == _rows(orm_db)
    with fast_db.read() as session:
        conversation = session.get(ChatConversation, cid)
        assert conversation is not None
        before = (conversation.last_seq, conversation.version)
    clock[0] = START + timedelta(minutes=1)

    with fast_db.write() as session:
        fast = chat_fast_path.customer_message(session, cid, "fixed-token", _message())
    with orm_db.write() as session:
        orm, created = chat_conversations.customer_message(session, CTX, cid, _message())

    assert fast is not None and created
    assert fast == orm
    assert _rows(fast_db) == _rows(orm_db)
    [[fast_event]] = fast_announced
    [[orm_event]] = orm_announced
    assert isinstance(fast_event, PublishedEvent) and fast_event == orm_event
    assert fast_event.audience == 7
    with fast_db.read() as session:
        conversation = session.get(ChatConversation, cid)
        assert conversation is not None
        assert (conversation.last_seq, conversation.version) == (before[0] + 1, before[1] + 1)
        assert conversation.updated_at == START + timedelta(minutes=1)
        stored = session.scalar(select(Event.payload).order_by(Event.id.desc()))
        assert stored == fast.model_dump(mode="json")


def _declines(db: Database, cid: int, data: CustomerMessageCreate) -> None:
    before = _rows(db)
    with db.write() as session:
        assert chat_fast_path.customer_message(session, cid, "fixed-token", data) is None
    assert _rows(db) == before


@pytest.mark.parametrize("state", ["bot", "queued", "ended"])
def test_a_chat_nobody_holds_is_left_to_the_orm_path(
    tmp_path: Path, clock: list[datetime], state: str
) -> None:
    db, cid, announced = _database(tmp_path / "chat.sqlite3", state)
    _declines(db, cid, _message())
    assert announced == []


@pytest.mark.parametrize(
    "data",
    [
        _message("   \n"),
        _message(
            "my words: abandon abandon abandon abandon abandon abandon abandon abandon "
            "abandon abandon abandon about"
        ),
        _message("see the file", attachment_ids=[1]),
    ],
    ids=["blank", "seed-phrase", "attachment"],
)
def test_anything_but_plain_text_is_left_to_the_orm_path(
    tmp_path: Path, clock: list[datetime], data: CustomerMessageCreate
) -> None:
    db, cid, _ = _database(tmp_path / "chat.sqlite3", "active")
    _declines(db, cid, data)


def test_a_repeated_client_id_is_left_to_the_orm_path(
    tmp_path: Path, clock: list[datetime]
) -> None:
    db, cid, _ = _database(tmp_path / "chat.sqlite3", "active")
    with db.write() as session:
        assert chat_fast_path.customer_message(session, cid, "fixed-token", _message()) is not None
    _declines(db, cid, _message())
    with db.read() as session:
        bodies = session.scalars(select(ChatMessage.body).where(ChatMessage.sender == "customer"))
        assert bodies.all() == ["我的充值到账了吗？ Is my deposit there yet?"]


def test_a_wrong_token_or_chat_is_refused_as_the_orm_path_refuses(
    tmp_path: Path, clock: list[datetime]
) -> None:
    db, cid, _ = _database(tmp_path / "chat.sqlite3", "active")
    for conversation, token, status in ((cid, "other", 401), (cid + 1, "fixed-token", 404)):
        with pytest.raises(ApiError) as refused, db.write() as session:
            chat_fast_path.customer_message(session, conversation, token, _message())
        assert refused.value.status == status


def test_write_now_commits_and_announces_when_the_database_is_free(
    tmp_path: Path, clock: list[datetime]
) -> None:
    db, cid, announced = _database(tmp_path / "chat.sqlite3", "active")
    with db.write_now() as session:
        assert session is not None
        assert chat_fast_path.customer_message(session, cid, "fixed-token", _message())
    assert len(announced) == 1
    with db.read() as session:
        found = session.scalar(select(ChatMessage.body).where(ChatMessage.sender == "customer"))
        assert found == "我的充值到账了吗？ Is my deposit there yet?"


def test_write_now_gives_none_at_once_while_a_thread_of_this_process_writes(
    tmp_path: Path, clock: list[datetime]
) -> None:
    db, _, _ = _database(tmp_path / "chat.sqlite3", "active")
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with db.write():
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(10)
        started = time.monotonic()
        with db.write_now() as session:
            assert session is None
        assert time.monotonic() - started < 0.5
    finally:
        release.set()
        thread.join()
    with db.write_now() as session:
        assert session is not None


def test_write_now_gives_none_at_once_while_another_process_writes(
    tmp_path: Path, clock: list[datetime]
) -> None:
    path = tmp_path / "chat.sqlite3"
    db, cid, announced = _database(path, "active")
    other = sqlite3.connect(path, isolation_level=None)  # another server process's connection
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with db.write_now() as session:
            assert session is None
        assert time.monotonic() - started < 0.5
    finally:
        other.execute("ROLLBACK")
        other.close()
    # The connection waits for other writers again, as every connection of the server does.
    with db.write_now() as session:
        assert session is not None
        busy = session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar()
        assert busy == 15_000
        assert chat_fast_path.customer_message(session, cid, "fixed-token", _message())
    assert len(announced) == 1
