"""support-console-server: the reference Support API as a standalone process."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from console.server.app import create_app
from console.server.serving import make_server
from console.server.settings import ServerSettings, default_database_url, sqlite_url


def _database_url(value: str | None) -> str:
    if not value:
        return default_database_url()
    # A plain path means a SQLite file; anything with a scheme is a SQLAlchemy URL.
    return value if "://" in value else sqlite_url(Path(value))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="support-console-server", description="Run the Support API v1 reference server."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy URL (sqlite:///…, postgresql://…) or a SQLite file path",
    )
    parser.add_argument("--demo", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--simulate", action=argparse.BooleanOptionalAction, default=False)
    parser.add_argument("--simulate-interval", type=float, default=20.0, metavar="SECONDS")
    parser.add_argument("--workspace-name", default="Support")
    parser.add_argument(
        "--training",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="serve the training workspace under /training (default: on)",
    )
    parser.add_argument(
        "--training-database",
        metavar="URL",
        help="the training workspace's database (default: beside a SQLite --database; "
        "required for PostgreSQL)",
    )
    return parser


def settings_from_args(args: argparse.Namespace) -> ServerSettings:
    return ServerSettings(
        database_url=_database_url(args.database),
        demo=args.demo,
        simulate=args.simulate,
        simulate_interval_s=args.simulate_interval,
        workspace_name=args.workspace_name,
        with_training=args.training,
        training_database_url=(
            _database_url(args.training_database) if args.training_database else None
        ),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = settings_from_args(args)
    if not settings.demo:
        # Say it in one sentence before the server starts, rather than in a startup traceback.
        from console.server.db import Database
        from console.server.schema_version import SCHEMA_VERSION, stored_version

        db = Database(settings.database_url)
        try:
            found = stored_version(db)
        finally:
            db.dispose()
        if found is not None and found != SCHEMA_VERSION:
            print(
                f"support-console-server: the database holds schema version {found}; this "
                f"server needs {SCHEMA_VERSION}. Back it up and upgrade it, or use another "
                "--database.",
                file=sys.stderr,
            )
            return 2
    server = make_server(create_app(settings), args.host, args.port, log_config=True)
    server.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
