"""VipIntents for widget tests, and VIP wire objects with sensible defaults.

FakeVip records each online call and keeps its `done`, so a test answers when it likes (success,
or failure with the sentence the session would give); `cached_*` serve what the test put in
`portfolio` / `pages`, as the local store would.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from console.api.schemas import AgentOut
from console.api.schemas_vip import (
    ContactLogOut,
    FollowUpOut,
    ManagerNoteOut,
    VipClientOut,
    VipClientSummary,
    VipItemOut,
    VipTimelineEntry,
)
from console.core.domain import Role

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
MEI = AgentOut(
    id=3, username="mei", display_name="Mei Lin", role=Role.VIP_MANAGER, languages=["zh"]
)
SARA = AgentOut(id=5, username="sara", display_name="Sara Nakamura", role=Role.SUPERVISOR)
TOM_ID = 4


def summary(uid: str, **overrides: Any) -> VipClientSummary:
    data: dict[str, Any] = {
        "uid": uid,
        "display_name": f"Client {uid}",
        "tier": 5,
        "language": "en",
        "manager_id": MEI.id,
        "manager_name": MEI.display_name,
        "backup_manager_id": TOM_ID,
        "target_minutes": 15,
        "volume_30d_usd": Decimal("2500000"),
        "asset_band": "1m-10m",
        "contact_hours": "09:00-18:00 Asia/Shanghai",
        "products": ["spot", "futures"],
        "open_items": 0,
        "waiting_items": 0,
        "due_at": None,
        "last_contact_at": NOW - timedelta(days=3),
        "next_follow_up_at": None,
        "risks": [],
        "updated_at": NOW - timedelta(hours=1),
    }
    data.update(overrides)
    return VipClientSummary.model_validate(data)


def client_page(uid: str, **overrides: Any) -> VipClientOut:
    data = summary(uid).model_dump()
    data.update(
        {
            "email": "li***@example.com",
            "phone": "+86 138****0000",
            "kyc_level": 3,
            "account_status": "active",
            "region": "CN",
            "items": [
                VipItemOut(
                    kind="ticket",
                    id=41,
                    subject="Withdrawal stuck",
                    status="open",
                    waiting_since=NOW - timedelta(minutes=10),
                    due_at=NOW + timedelta(minutes=5),
                    updated_at=NOW - timedelta(minutes=10),
                ),
                VipItemOut(
                    kind="chat",
                    id=7,
                    subject="Futures margin",
                    status="active",
                    updated_at=NOW - timedelta(minutes=30),
                ),
            ],
            "timeline": [
                VipTimelineEntry(at=NOW - timedelta(days=1), kind="withdrawal", title="50 BTC"),
                VipTimelineEntry(
                    at=NOW - timedelta(hours=2), kind="ticket", title="Withdrawal stuck", ref_id=41
                ),
            ],
            "notes": [],
            "follow_ups": [],
            "contacts": [],
        }
    )
    data.update(overrides)
    return VipClientOut.model_validate(data)


def note(note_id: int, uid: str, body: str) -> ManagerNoteOut:
    return ManagerNoteOut(
        id=note_id,
        client_uid=uid,
        author_id=MEI.id,
        author_name=MEI.display_name,
        body=body,
        created_at=NOW,
    )


def follow_up(follow_up_id: int, uid: str, title: str, due_at: datetime, **kw: Any) -> FollowUpOut:
    return FollowUpOut(
        id=follow_up_id,
        client_uid=uid,
        manager_id=MEI.id,
        title=title,
        due_at=due_at,
        created_at=NOW - timedelta(days=1),
        **kw,
    )


def contact(contact_id: int, uid: str, outcome: str, kind: str = "call") -> ContactLogOut:
    return ContactLogOut(
        id=contact_id,
        client_uid=uid,
        manager_id=MEI.id,
        manager_name=MEI.display_name,
        kind=kind,
        outcome=outcome,
        summary="",
        at=NOW,
    )


class FakeVip:
    def __init__(self, portfolio: list[VipClientSummary] | None = None) -> None:
        self.portfolio = list(portfolio or [])
        self.pages: dict[str, VipClientOut] = {}
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.pending: list[Any] = []

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for call, args in self.calls if call == name]

    def answer(self, result: Any, error: str | None = None) -> None:
        """Answer the oldest call still waiting."""
        done = self.pending.pop(0)
        done(result, error)

    def _record(self, name: str, done: Any, *args: Any) -> None:
        self.calls.append((name, args))
        self.pending.append(done)

    def cached_portfolio(self) -> list[VipClientSummary]:
        return list(self.portfolio)

    def load_portfolio(self, done) -> None:
        self._record("load_portfolio", done)

    def cached_client(self, uid: str) -> VipClientOut | None:
        return self.pages.get(uid)

    def load_client(self, uid, done) -> None:
        self._record("load_client", done, uid)

    def add_note(self, uid, body, key, done) -> None:
        self._record("add_note", done, uid, body, key)

    def add_follow_up(self, uid, follow_up, key, done) -> None:
        self._record("add_follow_up", done, uid, follow_up, key)

    def complete_follow_up(self, uid, follow_up_id, done) -> None:
        self._record("complete_follow_up", done, uid, follow_up_id)

    def log_contact(self, uid, contact, key, done) -> None:
        self._record("log_contact", done, uid, contact, key)
