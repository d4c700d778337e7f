"""`vip.alert` events: to the client's account manager and backup, each as their own audience.

An alert never carries a note or anything else private; agents never receive one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from console.api.schemas_vip import VipAlertOut
from console.core.domain import EventType
from console.core.vip import VipAlertKind
from console.server.clock import utcnow
from console.server.models import Customer
from console.server.models_vip import VipClient
from console.server.services.events import emit

__all__ = ["alert_managers"]


def alert_managers(
    session: Session,
    client_uid: str,
    kind: VipAlertKind,
    title: str,
    *,
    ticket_id: int | None = None,
    conversation_id: int | None = None,
    follow_up_id: int | None = None,
    due_at: datetime | None = None,
    only: int | None = None,
) -> int:
    """Emits the alert to the manager and the backup (or to `only`, one of them); returns how
    many events were written (0 for a client who is not on the VIP desk)."""
    client = session.get(VipClient, client_uid)
    customer = session.get(Customer, client_uid)
    if client is None or customer is None:
        return 0
    payload = VipAlertOut(
        kind=kind,
        client_uid=client_uid,
        client_name=customer.display_name,
        tier=customer.vip_tier,
        title=title,
        ticket_id=ticket_id,
        conversation_id=conversation_id,
        follow_up_id=follow_up_id,
        due_at=due_at,
        created_at=utcnow(),
    )
    managers = {client.manager_id, client.backup_manager_id} - {None}
    if only is not None:
        managers &= {only}
    for manager_id in sorted(m for m in managers if m is not None):
        emit(session, EventType.VIP_ALERT, ticket_id, payload, audience=manager_id)
    return len(managers)
