"""Engine and transactions of the reference server.

SQLite runs in WAL mode with a busy timeout; write transactions start with BEGIN IMMEDIATE so
two writers queue on the lock instead of failing when a read snapshot turns stale. Writers of
this process also take a lock of their own first: SQLite's busy handler polls with sleeps of up
to 100 ms, a thread lock hands over the moment the last writer commits (the busy timeout still
covers writers in other processes). On other
databases the default transaction handling applies and row locks come from the queries.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from console.server.models import SCHEMA_VERSION, Base, SchemaInfo
from console.server.notifier import EventNotifier, PublishedEvent

_SQLITE_BUSY_TIMEOUT_MS = 15_000
EVENTS_WRITTEN = "events_written"


def make_engine(url: str, **pool: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if not parsed.database or parsed.database == ":memory:":
        # Each pooled connection would see its own empty database.
        raise ValueError("the server needs a SQLite file, not an in-memory database")
    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_TIMEOUT_MS / 1000}, **pool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # The driver's own implicit transactions are switched off; "begin" below takes over.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        mode = options.get("sqlite_begin", "DEFERRED")
        if not options.get("sqlite_nowait"):
            conn.exec_driver_sql(f"BEGIN {mode}")
            return
        # Fails at once, instead of waiting, while another process writes.
        conn.exec_driver_sql("PRAGMA busy_timeout=0")
        try:
            conn.exec_driver_sql(f"BEGIN {mode}")
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={_SQLITE_BUSY_TIMEOUT_MS}")

    return engine


def published_event(row: Any) -> PublishedEvent:
    """An events row as streams send it; ids are known once the transaction has committed."""
    from console.api.schemas import EventOut
    from console.server.sse_format import format_event

    return PublishedEvent(row.id, row.audience_agent_id, format_event(EventOut.model_validate(row)))


class Database:
    """Sessions for reads and for writes; commits of new events wake the local streams."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.notifier = EventNotifier()
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(writer, expire_on_commit=False)
        self._write_lock = threading.Lock() if self.dialect == "sqlite" else None
        self._now_engine: Engine | None = None
        if self._write_lock is not None:
            # One connection of its own for write_now: it runs on the event loop, which must
            # never wait for a connection the worker threads hold.
            self._now_engine = make_engine(url, pool_size=1, max_overflow=0, pool_timeout=0.01)
            nowait = self._now_engine.execution_options(
                sqlite_begin="IMMEDIATE", sqlite_nowait=True
            )
            self._write_now = sessionmaker(nowait, expire_on_commit=False)

    def before_each_commit(self, hook: Callable[[Session], None]) -> None:
        """Run `hook` on every write transaction just before it commits."""
        makers = [self._write] + ([self._write_now] if self._now_engine is not None else [])
        for maker in makers:
            event.listen(maker, "before_commit", hook)

    def engines(self) -> list[Engine]:
        """Every engine this database opens connections with."""
        return [self.engine] + ([self._now_engine] if self._now_engine is not None else [])

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def create_schema(self) -> None:
        """Create missing tables and record the schema version of a new database."""
        Base.metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            if conn.execute(select(SchemaInfo.version)).first() is None:
                conn.execute(insert(SchemaInfo).values(version=SCHEMA_VERSION))

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        lock = self._write_lock
        if lock is None:
            with self._write() as session, session.begin():
                yield session
            self._announce(session)
        else:
            with lock:
                with self._write() as session, session.begin():
                    yield session
                # Still under the lock: announcements leave in commit order, so the tail can
                # take them as they come instead of reading the table again.
                self._announce(session)

    @contextmanager
    def write_now(self) -> Iterator[Session | None]:
        """Like write, when the transaction can start at once; else None, and nothing waits.

        For a short write on the event loop (a customer's chat message): blocking there would
        stall every request and stream, so when another writer holds the lock, in this process
        or another, the caller gets None and takes the worker-thread path (write)."""
        lock = self._write_lock
        if lock is None or self._now_engine is None or not lock.acquire(blocking=False):
            yield None
            return
        try:
            with self._write_now() as session:
                transaction = session.begin()
                try:
                    session.connection()  # BEGIN IMMEDIATE, now or never
                except (OperationalError, PoolTimeoutError):
                    transaction.rollback()
                    yield None
                    return
                with transaction:
                    yield session
            self._announce(session)  # under the lock, as in write
        finally:
            lock.release()

    def _announce(self, session: Session) -> None:
        rows = session.info.get(EVENTS_WRITTEN)
        if rows:
            self.notifier.notify([published_event(row) for row in rows])

    def dispose(self) -> None:
        self.engine.dispose()
        if self._now_engine is not None:
            self._now_engine.dispose()
