"""Follow-up reminders of account managers: due ones raise a vip.alert once.

"Once" survives restarts: the follow-up's notified_at is set in the same transaction as the
alert. Moving a follow-up (PATCH due_at) clears it, so the new time alerts again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, select

from console.core.vip import VipAlertKind
from console.server.clock import utcnow
from console.server.db import Database
from console.server.models_vip import VipFollowUp
from console.server.services.vip_alerts import alert_managers

__all__ = ["BATCH", "sweep_due"]

BATCH = 200


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(
        VipFollowUp.done_at.is_(None),
        VipFollowUp.notified_at.is_(None),
        VipFollowUp.due_at <= now,
    )


def _title(title: str) -> str:
    return "Follow-up due: " + " ".join(title.split())  # one line, whatever was typed


def sweep_due(db: Database, now: datetime | None = None) -> int:
    """Alerts for follow-ups that came due since the last pass; returns how many. The alert
    goes to the follow-up's own manager alone, and only while they are still on the client."""
    now = now or utcnow()
    # The sweep runs every second and almost always finds nothing: look without the write lock.
    with db.read() as session:
        if session.scalar(select(VipFollowUp.id).where(_due(now)).limit(1)) is None:
            return 0
    notified = 0
    while True:
        with db.write() as session:
            rows = list(
                session.scalars(
                    select(VipFollowUp)
                    .where(_due(now))
                    .order_by(VipFollowUp.due_at, VipFollowUp.id)
                    .limit(BATCH)
                    .with_for_update(skip_locked=True)
                )
            )
            for row in rows:
                row.notified_at = now
                alert_managers(
                    session,
                    row.client_uid,
                    VipAlertKind.FOLLOW_UP_DUE,
                    _title(row.title),
                    follow_up_id=row.id,
                    due_at=row.due_at,
                    only=row.manager_id,
                )
        notified += len(rows)
        if len(rows) < BATCH:
            return notified
