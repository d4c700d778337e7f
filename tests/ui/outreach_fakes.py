"""Outreach for widget tests: portfolio rows and outreach objects, and a stand-in for the
session's OutreachActions that records each call and keeps its `done`, so a test answers when it
likes (success, or failure with the sentence the session would give)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.api.schemas_vip import OutreachOut, OutreachRecipientOut, VipClientSummary
from console.core.vip import AssetBand, OutreachStatus

SENT_AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def client(uid: str, name: str, language: str, tier: int = 5) -> VipClientSummary:
    return VipClientSummary(
        uid=uid,
        display_name=name,
        tier=tier,
        language=language,
        manager_id=7,
        manager_name="Mei Lin",
        target_minutes=15,
        volume_30d_usd=Decimal(25_000_000),
        asset_band=AssetBand.UNDER_10M,
        contact_hours="09:00-18:00 Asia/Shanghai",
        products=["spot"],
        open_items=0,
        waiting_items=0,
        updated_at=SENT_AT,
    )


CLIENTS = [
    client("U1", "王磊", "zh", 7),
    client("U2", "Alice <b>Smith</b>", "en", 4),
    client("U3", "陈静", "zh-TW", 3),
    client("U4", "Sato Ken", "ja", 6),
]


def recipient(
    c: VipClientSummary,
    status: OutreachStatus = OutreachStatus.DELIVERED,
    ticket_id: int | None = 100,
    language: str | None = None,
    replied_message: int | None = None,
) -> OutreachRecipientOut:
    return OutreachRecipientOut(
        client_uid=c.uid,
        client_name=c.display_name,
        language=language or c.language.split("-")[0],
        status=status,
        ticket_id=ticket_id if status is not OutreachStatus.FAILED else None,
        delivered_at=SENT_AT if status is not OutreachStatus.FAILED else None,
        replied_at=SENT_AT if replied_message is not None else None,
        reply_message_id=replied_message,
    )


def outreach(
    outreach_id: int = 3, recipients: list[OutreachRecipientOut] | None = None
) -> OutreachOut:
    return OutreachOut(
        id=outreach_id,
        subject="Maintenance on Saturday",
        created_by=7,
        created_by_name="Mei Lin",
        created_at=SENT_AT,
        recipients=recipients
        if recipients is not None
        else [recipient(c, ticket_id=100 + i) for i, c in enumerate(CLIENTS)],
    )


class FakeOutreachActions(QObject):
    updated = Signal(object)

    def __init__(self, *, online: bool = True) -> None:
        super().__init__()
        self.online = online
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.pending: list[Any] = []

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for call, args in self.calls if call == name]

    def answer(self, result: Any, error: str | None = None) -> None:
        """Answer the oldest call still waiting."""
        self.pending.pop(0)(result, error)

    def _record(self, name: str, done: Any, *args: Any) -> None:
        self.calls.append((name, args))
        self.pending.append(done)

    def is_online(self) -> bool:
        return self.online

    def send(self, request, done) -> None:
        self._record("send", done, request)

    def history(self, done) -> None:
        self._record("history", done)

    def load(self, outreach_id, done) -> None:
        self._record("load", done, outreach_id)

    def load_clients(self, uids, done) -> None:
        self._record("load_clients", done, uids)

    def cached_clients(self, uids):
        return [c for c in CLIENTS if c.uid in uids]
