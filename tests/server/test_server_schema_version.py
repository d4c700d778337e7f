"""A database from another server version: a demo is rebuilt, a team database is refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from console.server.cli import main
from console.server.db import Database
from console.server.schema_version import (
    SCHEMA_VERSION,
    SchemaMismatch,
    prepare_schema,
    stored_version,
)
from console.server.settings import sqlite_url


def _old_database(path: Path) -> None:
    """Tables as an earlier version wrote them: no version row, fewer columns."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE tickets (id INTEGER PRIMARY KEY, subject TEXT)")
        conn.execute("INSERT INTO tickets VALUES (1, 'from the old days')")
        conn.commit()


def test_a_new_database_records_the_current_version(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "new.sqlite3"))
    assert stored_version(db) is None
    prepare_schema(db, demo=False)
    assert stored_version(db) == SCHEMA_VERSION
    prepare_schema(db, demo=False)  # a second start changes nothing
    assert stored_version(db) == SCHEMA_VERSION
    db.dispose()


def test_an_old_demo_database_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    _old_database(path)
    db = Database(sqlite_url(path))
    assert stored_version(db) == 1
    prepare_schema(db, demo=True)
    assert stored_version(db) == SCHEMA_VERSION
    with closing(sqlite3.connect(path)) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(tickets)")}
        left = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
    assert "merged_into_id" in columns and left == 0
    db.dispose()


def test_an_old_team_database_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "team.sqlite3"
    _old_database(path)
    db = Database(sqlite_url(path))
    with pytest.raises(SchemaMismatch):
        prepare_schema(db, demo=False)
    db.dispose()
    assert main(["--database", str(path), "--port", "0"]) == 2
    assert "schema version 1" in capsys.readouterr().err
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT subject FROM tickets").fetchall() == [("from the old days",)]
