"""Account activity the VIP desk must hear of at once: a large withdrawal held for review, a
security event. Recorded here so that the record and the manager's alert are one transaction,
whoever reports it (support's own account actions, the exchange's feeds, the demo)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from console.core.domain import SecurityEventKind, TransferStatus
from console.core.vip import VipAlertKind, is_large_withdrawal
from console.server.models import SecurityEvent, Transfer
from console.server.services.vip_alerts import alert_managers

__all__ = ["record_security_event", "record_withdrawal_under_review"]


def record_withdrawal_under_review(
    session: Session,
    uid: str,
    asset: str,
    network: str,
    amount: Decimal,
    address: str,
    now: datetime,
) -> Transfer:
    """A withdrawal the risk engine holds for review; a large one alerts the client's managers."""
    row = Transfer(
        customer_uid=uid,
        direction="withdrawal",
        asset=asset,
        network=network,
        amount=amount,
        address=address,
        tx_hash=None,
        confirmations=0,
        status=str(TransferStatus.UNDER_REVIEW),
        created_at=now,
    )
    session.add(row)
    session.flush()
    if is_large_withdrawal(asset, amount):
        title = f"Large withdrawal held for review: {amount.normalize():f} {asset} ({network})"
        alert_managers(session, uid, VipAlertKind.LARGE_WITHDRAWAL, title)
    return row


def record_security_event(
    session: Session, uid: str, kind: SecurityEventKind, detail: str, now: datetime
) -> SecurityEvent:
    row = SecurityEvent(customer_uid=uid, kind=str(kind), detail=detail, created_at=now)
    session.add(row)
    # A VIP's manager hears of it at once (nothing happens for clients not on the VIP desk).
    alert_managers(session, uid, VipAlertKind.SECURITY_EVENT, detail)
    return row
