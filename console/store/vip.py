"""The VIP desk in the local store: a viewer's portfolio and the client pages they opened.

Both are kept as the server sent them (VipClientSummary / VipClientOut as JSON) under the
signed-in agent's id (`viewer_id`): a supervisor's portfolio is not a manager's, and the notes on
a client page are the viewer's own. The portfolio paints from here at start-up and offline; the
sync engine (console/sync/vip.py) replaces it after each fetch and patches single rows from
`vip.client.updated` events.

Published on the store's hub after each commit: "vip" (the uids whose portfolio row changed or
left) and "vip_clients" (the uids whose cached client page changed). Thread-safe like the Store:
every call is one short transaction of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from pydantic import TypeAdapter
from sqlalchemy import Connection, Engine, delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.api.schemas_vip import VipClientOut, VipClientSummary
from console.store import tables
from console.store.db import reading, writing
from console.store.timestamps import now_micros, to_micros

if TYPE_CHECKING:
    from console.store.store import Store

__all__ = ["CLIENT_TOPIC", "TOPIC", "VipCache", "vip_cache"]

TOPIC = "vip"
CLIENT_TOPIC = "vip_clients"

_rows = tables.vip_portfolio
_pages = tables.vip_client_pages
# One parse for the whole portfolio: 500 rows validate in a few milliseconds this way.
_PORTFOLIO = TypeAdapter(list[VipClientSummary])

Publish = Callable[[str, Sequence[int | str]], None]


def _joined(datas: Iterable[str]) -> list[VipClientSummary]:
    return _PORTFOLIO.validate_json("[" + ",".join(datas) + "]")


def _summary(page: VipClientOut) -> VipClientSummary:
    return VipClientSummary.model_validate(page, from_attributes=True)


def _values(viewer_id: int, position: int, row: VipClientSummary) -> dict[str, object]:
    return {
        "viewer_id": viewer_id,
        "uid": row.uid,
        "position": position,
        "tier": row.tier,
        "manager_id": row.manager_id,
        "due_at": to_micros(row.due_at) if row.due_at is not None else None,
        "updated_at": to_micros(row.updated_at),
        "data": row.model_dump_json(),
    }


def _upsert(conn: Connection, values: Sequence[dict[str, object]]) -> None:
    if not values:
        return
    stmt = sqlite_insert(_rows)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[_rows.c.viewer_id, _rows.c.uid],
            set_={
                name: stmt.excluded[name]
                for name in ("position", "tier", "manager_id", "due_at", "updated_at", "data")
            },
        ),
        list(values),
    )


class VipCache:
    """The VIP tables of one store file (see `vip_cache`)."""

    def __init__(self, engine: Engine, publish: Publish) -> None:
        self._engine = engine
        self._publish = publish

    # --- the portfolio ---------------------------------------------------------------------------

    def replace_portfolio(self, viewer_id: int, rows: Sequence[VipClientSummary]) -> list[str]:
        """The viewer's whole portfolio as fetched, in the server's order. Only rows that
        differ are written (a refresh that changes nothing publishes nothing); returns the uids
        written or removed."""
        wanted = [_values(viewer_id, position, row) for position, row in enumerate(rows)]
        with writing(self._engine) as conn:
            held = {
                uid: (position, data)
                for uid, position, data in conn.execute(
                    select(_rows.c.uid, _rows.c.position, _rows.c.data).where(
                        _rows.c.viewer_id == viewer_id
                    )
                )
            }
            changed = [v for v in wanted if held.get(str(v["uid"])) != (v["position"], v["data"])]
            gone = sorted(set(held) - {str(v["uid"]) for v in wanted})
            _upsert(conn, changed)
            if gone:
                conn.execute(
                    delete(_rows).where(_rows.c.viewer_id == viewer_id, _rows.c.uid.in_(gone))
                )
        touched = [str(v["uid"]) for v in changed] + gone
        if touched:
            self._publish(TOPIC, touched)
        return touched

    def put_row(self, viewer_id: int, row: VipClientSummary) -> bool:
        """One row from a `vip.client.updated` event; an older copy than the one held changes
        nothing. A client new to the portfolio goes last until the next fetch orders it."""
        with writing(self._engine) as conn:
            written = self._put_row(conn, viewer_id, row)
        if written:
            self._publish(TOPIC, [row.uid])
        return written

    @staticmethod
    def _put_row(conn: Connection, viewer_id: int, row: VipClientSummary) -> bool:
        held = conn.execute(
            select(_rows.c.position, _rows.c.updated_at).where(
                _rows.c.viewer_id == viewer_id, _rows.c.uid == row.uid
            )
        ).first()
        if held is not None and held.updated_at > to_micros(row.updated_at):
            return False
        if held is not None:
            position = int(held.position)
        else:
            last = conn.execute(
                select(func.max(_rows.c.position)).where(_rows.c.viewer_id == viewer_id)
            ).scalar_one_or_none()
            position = -1 if last is None else int(last)
            position += 1
        _upsert(conn, [_values(viewer_id, position, row)])
        return True

    def portfolio(
        self, viewer_id: int, uids: Sequence[str] | None = None
    ) -> list[VipClientSummary]:
        """The viewer's cached rows in the server's order (only `uids`, when given)."""
        query = select(_rows.c.data).where(_rows.c.viewer_id == viewer_id)
        if uids is not None:
            query = query.where(_rows.c.uid.in_(list(uids)))
        with reading(self._engine) as conn:
            datas = conn.execute(query.order_by(_rows.c.position, _rows.c.uid)).scalars().all()
        return _joined(datas)

    def portfolio_uids(self, viewer_id: int) -> set[str]:
        with reading(self._engine) as conn:
            uids = conn.execute(select(_rows.c.uid).where(_rows.c.viewer_id == viewer_id))
            return set(uids.scalars())

    def count(self, viewer_id: int) -> int:
        with reading(self._engine) as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(_rows).where(_rows.c.viewer_id == viewer_id)
                ).scalar_one()
            )

    # --- client pages ----------------------------------------------------------------------------

    def put_client(self, viewer_id: int, page: VipClientOut) -> None:
        """The client page as fetched; its portfolio row follows when the page is newer."""
        values = {
            "viewer_id": viewer_id,
            "uid": page.uid,
            "fetched_at": now_micros(),
            "data": page.model_dump_json(),
        }
        stmt = sqlite_insert(_pages).values(**values)
        with writing(self._engine) as conn:
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[_pages.c.viewer_id, _pages.c.uid],
                    set_={"fetched_at": stmt.excluded.fetched_at, "data": stmt.excluded.data},
                )
            )
            in_portfolio = conn.execute(
                select(_rows.c.uid).where(_rows.c.viewer_id == viewer_id, _rows.c.uid == page.uid)
            ).first()
            row_written = in_portfolio is not None and self._put_row(
                conn, viewer_id, _summary(page)
            )
        self._publish(CLIENT_TOPIC, [page.uid])
        if row_written:
            self._publish(TOPIC, [page.uid])

    def client(self, viewer_id: int, uid: str) -> VipClientOut | None:
        with reading(self._engine) as conn:
            data = conn.execute(
                select(_pages.c.data).where(_pages.c.viewer_id == viewer_id, _pages.c.uid == uid)
            ).scalar_one_or_none()
        return VipClientOut.model_validate_json(data) if data is not None else None

    # --- housekeeping ----------------------------------------------------------------------------

    def clear(self, viewer_id: int | None = None) -> None:
        """Forget the cached portfolio and pages (of one viewer, or everyone's)."""
        with writing(self._engine) as conn:
            for table in (_rows, _pages):
                stmt = delete(table)
                if viewer_id is not None:
                    stmt = stmt.where(table.c.viewer_id == viewer_id)
                conn.execute(stmt)
        self._publish(TOPIC, [])
        self._publish(CLIENT_TOPIC, [])


def vip_cache(store: Store) -> VipCache:
    """The VIP tables of `store`'s file, publishing on its hub (the store's own `vip`)."""
    return store.vip
