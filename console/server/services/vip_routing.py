"""The VIP routing ladder as pure decisions, shared by chats and tickets: whose turn a VIP's
waiting item is, when that turn ends, and where a ticket goes next.

The ladder's rules themselves (each step's share of the tier's target, an absent manager skipped
at once) are console.core.vip's; this module applies them to one client's manager and backup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from console.core.vip import (
    RoutingStage,
    routing_stage,
    stage_deadline,
)

__all__ = [
    "Ladder",
    "due_at",
    "holder",
    "offer_overdue",
    "offered_stage",
    "stage",
    "ticket_assignee",
]

_ORDER = {RoutingStage.MANAGER: 0, RoutingStage.BACKUP: 1, RoutingStage.VIP_QUEUE: 2}


@dataclass(frozen=True, slots=True)
class Ladder:
    """A client of the VIP desk as routing sees them."""

    manager_id: int
    backup_manager_id: int | None
    target: timedelta  # the tier's time to a first answer


def stage(
    ladder: Ladder,
    arrived_at: datetime,
    now: datetime,
    *,
    manager_present: bool,
    backup_present: bool,
) -> RoutingStage:
    """Whose turn it is now; a client without a backup goes from the manager to the queue."""
    return routing_stage(
        arrived_at,
        now,
        ladder.target,
        manager_present=manager_present,
        backup_present=backup_present and ladder.backup_manager_id is not None,
    )


def holder(ladder: Ladder, at: RoutingStage) -> int | None:
    """The one agent a step belongs to; None for the VIP queue (the whole team)."""
    if at is RoutingStage.MANAGER:
        return ladder.manager_id
    if at is RoutingStage.BACKUP:
        return ladder.backup_manager_id
    return None


def due_at(ladder: Ladder, arrived_at: datetime, at: RoutingStage) -> datetime:
    """When the step hands over (the VIP queue's: when the whole target runs out)."""
    return stage_deadline(arrived_at, ladder.target, at)


def offered_stage(
    ladder: Ladder, arrived_at: datetime, agent_id: int, offered_at: datetime
) -> RoutingStage:
    """The step an offer to `agent_id` made at `offered_at` belongs to: the manager's (backup's)
    when made to them within their share, else the VIP queue's."""
    for step in (RoutingStage.MANAGER, RoutingStage.BACKUP):
        if agent_id == holder(ladder, step) and offered_at < due_at(ladder, arrived_at, step):
            return step
    return RoutingStage.VIP_QUEUE


def offer_overdue(
    ladder: Ladder, arrived_at: datetime, agent_id: int, offered_at: datetime, now: datetime
) -> bool:
    """An offer made in the manager's (backup's) share and still open when the share ends: it
    is taken back so the next step starts on time, whatever the offer timeout says."""
    step = offered_stage(ladder, arrived_at, agent_id, offered_at)
    return step is not RoutingStage.VIP_QUEUE and now >= due_at(ladder, arrived_at, step)


def ticket_assignee(
    ladder: Ladder,
    arrived_at: datetime,
    now: datetime,
    assignee_id: int | None,
    *,
    manager_present: bool,
    backup_present: bool,
) -> tuple[bool, int | None]:
    """(move?, the new assignee) of a VIP ticket waiting for an answer since `arrived_at`.

    The ladder only moves forward: the manager's ticket to the backup, the backup's to the VIP
    queue (unassigned). An unassigned ticket goes to whoever's step it is (a new ticket, or one
    whose manager came back within their share). A ticket anyone else holds is theirs: someone
    took it up, and the ladder leaves it alone."""
    now_stage = stage(
        ladder, arrived_at, now, manager_present=manager_present, backup_present=backup_present
    )
    wanted = holder(ladder, now_stage)
    if assignee_id is None:
        return wanted is not None, wanted
    if assignee_id == ladder.manager_id:
        current = RoutingStage.MANAGER
    elif assignee_id == ladder.backup_manager_id:
        current = RoutingStage.BACKUP
    else:
        return False, assignee_id
    if _ORDER[now_stage] > _ORDER[current]:
        return True, wanted
    return False, assignee_id
