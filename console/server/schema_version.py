"""Which shape of the schema a server database holds, and what to do when it is another.

The reference server creates its tables itself, and an existing table is left as it is: a
database written by an earlier version lacks newer columns and would fail on the first query.
The version is kept in a one-row table (portable across SQLite and PostgreSQL). A demo database
of another version is rebuilt (it holds nothing but generated demo data); a team database of
another version stops the server with a sentence that says what to do.
"""

from __future__ import annotations

from sqlalchemy import MetaData, inspect, select

from console.server.db import Database
from console.server.models import SCHEMA_VERSION, SchemaInfo

__all__ = ["SCHEMA_VERSION", "SchemaMismatch", "prepare_schema", "stored_version"]


class SchemaMismatch(RuntimeError):
    """The database was written by another version of the server."""


def stored_version(db: Database) -> int | None:
    """None for an empty database; 1 for tables from before versions were recorded."""
    tables = set(inspect(db.engine).get_table_names())
    if not tables:
        return None
    if SchemaInfo.__tablename__ not in tables:
        return 1
    with db.engine.connect() as conn:
        value = conn.execute(select(SchemaInfo.version)).scalar()
    return int(value) if value is not None else 1


def prepare_schema(db: Database, *, demo: bool) -> None:
    """Create the tables, or check that the existing ones are this version's."""
    found = stored_version(db)
    if found is not None and found != SCHEMA_VERSION:
        if not demo:
            raise SchemaMismatch(
                f"the database holds schema version {found}, this server needs "
                f"{SCHEMA_VERSION}: back it up and upgrade it, or point --database elsewhere"
            )
        # Start the demo over in today's shape. The old tables are read from the database
        # itself: they need not match today's models.
        old = MetaData()
        old.reflect(db.engine)
        old.drop_all(db.engine)
    db.create_schema()
