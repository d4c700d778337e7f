"""The VIP countdown of a chat: the time left on a VIP client's response target, as mm:ss, red
once it has run out; hidden for any other chat and once the chat no longer waits. The chat list's
rows and the chat header each show one and tick it every second with their other timers.

The deadline is the server's `vip_due_at` when a conversation carries one (the end of the current
routing step); otherwise it is computed the way core.vip does: the chat's arrival in the queue
plus its tier's target. The targets are DEFAULT_TARGET_MINUTES until `remember_tier_targets` is
given the server's (GET /vip/tiers, or portfolio rows, which carry tier and target_minutes).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from console.core.vip import DEFAULT_TARGET_MINUTES, target_for
from console.ui.i18n import tr
from console.ui.vip.vip_labels import countdown_text

__all__ = ["VipCountdown", "remember_tier_targets", "tier_targets", "vip_due_at"]

_WAITING_STATES = frozenset({"queued", "offered"})
_lock = threading.Lock()
_targets: dict[int, float] = dict(DEFAULT_TARGET_MINUTES)
# Its own look: style.qss has none for it yet.
_STYLE = """
QLabel#chatVipDue { color: #8a5a00; font-size: 11px; font-weight: 600; background: transparent; }
QLabel#chatVipDue[overdue="true"] { color: #b91c1c; }
"""


def remember_tier_targets(rows: Iterable[Any]) -> None:
    """The server's minutes per tier, from rows with `tier` and `target_minutes`."""
    found = {int(r.tier): float(r.target_minutes) for r in rows if getattr(r, "tier", 0)}
    with _lock:
        _targets.update(found)


def tier_targets() -> Mapping[int, float]:
    with _lock:
        return dict(_targets)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def vip_due_at(conversation: Any, *, waiting: bool = False) -> datetime | None:
    """When the VIP client's wait runs out: for a chat in the queue or on offer, or (`waiting`)
    an active one whose customer waits for an answer. None for anything else."""
    if conversation is None or not getattr(conversation, "vip_tier", 0):
        return None
    state = getattr(conversation, "state", None)
    if state not in _WAITING_STATES and not (waiting and state == "active"):
        return None
    due = getattr(conversation, "vip_due_at", None)  # the server's, when it sends one
    if due is not None:
        return _aware(due)
    arrived = getattr(conversation, "queued_at", None)
    if arrived is None:
        return None
    target = target_for(int(conversation.vip_tier), tier_targets())  # type: ignore[arg-type]  # minutes may be fractions
    return _aware(arrived) + target


class VipCountdown(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatVipDue")
        self.setStyleSheet(_STYLE)
        self.due_at: datetime | None = None
        self.overdue = False
        self.setToolTip(
            tr(
                "Time left on the VIP client's response target. When it runs out the chat moves "
                "on: to the backup manager, then to the VIP team."
            )
        )
        self.hide()

    def set_conversation(
        self, conversation: Any, now: datetime | None = None, *, waiting: bool = False
    ) -> None:
        self.due_at = vip_due_at(conversation, waiting=waiting)
        self.tick(now)

    def tick(self, now: datetime | None = None) -> None:
        due = self.due_at
        self.setVisible(due is not None)
        if due is None:
            return
        left = due - (now or datetime.now(UTC))
        overdue = left.total_seconds() < 0
        self.setText(tr("Target {time}", time=countdown_text(left)))
        if overdue != self.overdue:
            self.overdue = overdue
            self.setProperty("overdue", overdue)
            self.style().unpolish(self)
            self.style().polish(self)
