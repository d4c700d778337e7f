"""Customer cache: the detail panel's data, kept as the server's JSON document."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.api.schemas import CustomerDetail, CustomerOut
from console.store import tables
from console.store.timestamps import now_micros

_c = tables.customers


def upsert_detail(conn: Connection, customer: CustomerDetail) -> None:
    stmt = sqlite_insert(_c).values(
        uid=customer.uid, data=customer.model_dump_json(), updated_at=now_micros()
    )
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[_c.c.uid],
            set_={"data": stmt.excluded.data, "updated_at": stmt.excluded.updated_at},
        )
    )


def merge_summary(conn: Connection, customer: CustomerOut) -> None:
    """An event carries the customer without transfers/security events: keep the cached ones."""
    existing = get(conn, customer.uid)
    base = customer.model_dump()
    if existing is not None:
        base["transfers"] = existing.transfers
        base["security_events"] = existing.security_events
    upsert_detail(conn, CustomerDetail.model_validate(base))


def get(conn: Connection, uid: str) -> CustomerDetail | None:
    data = conn.execute(select(_c.c.data).where(_c.c.uid == uid)).scalar_one_or_none()
    return CustomerDetail.model_validate_json(data) if data is not None else None
