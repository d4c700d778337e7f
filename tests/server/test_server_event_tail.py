"""The event tail: new events read once for every stream, each stream given its agent's share."""

from __future__ import annotations

import asyncio
from pathlib import Path

from console.api.schemas_chat import ChatTypingOut
from console.core.domain import EventType
from console.server.db import Database
from console.server.event_tail import EventTail
from console.server.services import events
from console.server.settings import sqlite_url

ALICE, BOB = 1, 2


def _emit(db: Database, conversation_id: int, audience: int | None) -> None:
    payload = ChatTypingOut(conversation_id=conversation_id, who="customer", typing=True)
    with db.write() as session:
        events.emit(session, EventType.CHAT_TYPING, None, payload, audience)


def _conversations(found: list[tuple[int, bytes]] | None) -> list[int]:
    assert found is not None
    return [int(data.split(b'"conversation_id":')[1].split(b",")[0]) for _id, data in found]


def test_each_agent_gets_the_shared_events_and_its_own(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "events.sqlite3"))
    db.create_schema()
    _emit(db, 1, None)  # before the tail started: a stream that far behind reads the table

    async def scenario() -> None:
        tail = EventTail(db, poll_s=60.0)
        start = await _newest(db)
        assert await tail.after(start, ALICE, 100) == []
        assert await tail.after(start - 1, ALICE, 100) is None
        _emit(db, 2, None)
        _emit(db, 3, ALICE)
        _emit(db, 4, BOB)
        assert _conversations(await tail.after(start, ALICE, 100)) == [2, 3]
        assert _conversations(await tail.after(start, BOB, 100)) == [2, 4]
        assert _conversations(await tail.after(start, BOB, 1)) == [2]
        found = await tail.after(start, ALICE, 100)
        assert found is not None
        assert await tail.after(found[-1][0], ALICE, 100) == []
        # The table agrees with the tail (what a stream behind it, or GET /events, reads).
        with db.read() as session:
            from_table = events.events_after(session, start, 100, ALICE)
        assert [e.id for e in from_table] == [i for i, _ in found]

    asyncio.run(scenario())
    db.dispose()


def test_a_write_from_another_process_is_seen_at_the_next_poll(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "events.sqlite3"))
    db.create_schema()
    other = Database(sqlite_url(tmp_path / "events.sqlite3"))  # its notifier is not ours

    async def scenario() -> None:
        tail = EventTail(db, poll_s=0.2)
        start = await _newest(db)
        await tail.after(start, ALICE, 100)
        _emit(other, 7, None)
        assert await tail.after(start, ALICE, 100) == []  # not yet: nothing woke this process
        await asyncio.sleep(0.25)
        assert _conversations(await tail.after(start, ALICE, 100)) == [7]

    asyncio.run(scenario())
    other.dispose()
    db.dispose()


def test_commits_of_this_process_reach_the_tail_without_a_read_and_gaps_are_read(
    tmp_path: Path,
) -> None:
    db = Database(sqlite_url(tmp_path / "events.sqlite3"))
    db.create_schema()
    other = Database(sqlite_url(tmp_path / "events.sqlite3"))  # another server process

    async def scenario() -> None:
        tail = EventTail(db, poll_s=60.0)
        start = await _newest(db)
        await tail.after(start, ALICE, 100)  # started: it listens from now on
        reads: list[int] = []
        read_after = tail._read_after
        tail._read_after = lambda after: reads.append(after) or read_after(after)  # type: ignore[method-assign]

        # As a request does: the commit on a worker thread, announced with its events.
        await asyncio.to_thread(_emit, db, 2, None)
        await asyncio.to_thread(_emit, db, 3, ALICE)
        assert _conversations(await tail.after(start, ALICE, 100)) == [2, 3]
        assert reads == []

        # Another process wrote in between: this process's next announcement does not follow
        # on from what the tail holds, so the tail reads the table and misses nothing.
        _emit(other, 4, None)
        await asyncio.to_thread(_emit, db, 5, None)
        assert _conversations(await tail.after(start, ALICE, 100)) == [2, 3, 4, 5]
        assert len(reads) == 1

        # A notification without events (shutdown, say) also means: read.
        db.notifier.notify()
        await asyncio.sleep(0)
        assert _conversations(await tail.after(start, BOB, 100)) == [2, 4, 5]
        assert len(reads) == 2

    asyncio.run(scenario())
    other.dispose()
    db.dispose()


def test_old_events_leave_the_tail_in_large_steps(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "events.sqlite3"))
    db.create_schema()

    async def scenario() -> None:
        tail = EventTail(db, poll_s=60.0, keep=10)
        start = await _newest(db)
        await tail.after(start, ALICE, 100)
        for n in range(12):
            _emit(db, 100 + n, None)
        everything = await tail.after(start, ALICE, 100)
        assert _conversations(everything) == list(range(100, 112))  # 12 held, keep 10
        assert everything is not None
        for n in range(12, 16):
            _emit(db, 100 + n, None)
        # 16 held: more than half of `keep` over, so the oldest 6 went at this read, and a
        # stream before them reads the table.
        assert await tail.after(start, ALICE, 100) is None
        kept = await tail.after(everything[5][0], ALICE, 100)
        assert _conversations(kept) == list(range(106, 116))

    asyncio.run(scenario())
    db.dispose()


async def _newest(db: Database) -> int:
    with db.read() as session:
        return events.last_event_id(session)
