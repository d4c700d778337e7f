"""Who gets which waiting chat: pure functions over snapshots of the queue and the agents.

Queue order: security first, then VIP tier (highest first), then the time the chat joined the
queue. Each chat, in that order, is offered to one eligible agent: its VIP's account manager when
eligible, else the least loaded (ties: the one idle longest). An agent who declined a chat is
never offered it again; one who let an offer time out only when nobody else can take it. A chat
no agent can take waits without blocking the chats behind it.

A client of the VIP desk (a chat with a `ladder`) climbs the ladder instead: their manager alone
during the manager's share of the target, then the backup alone, then the VIP team (VIP managers
and supervisors). A manager or backup who is away, full, or has declined or let this chat's offer
time out is skipped at once (vip_routing.py, console.core.vip).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from console.core.vip import RoutingStage
from console.server.services import vip_routing
from console.server.services.vip_routing import Ladder

_PRIORITY_RANK = {"security": 0, "high": 1, "normal": 2}
_LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Waiting:
    """A queued conversation."""

    conversation_id: int
    priority: str
    vip_tier: int
    queued_at: datetime
    language: str
    topic: str | None
    account_manager_id: int | None = None
    declined: frozenset[int] = frozenset()
    missed: frozenset[int] = frozenset()
    ladder: Ladder | None = None  # a client of the VIP desk: routed by the ladder


@dataclass(frozen=True, slots=True)
class AgentSlot:
    """An agent as routing sees them; `load` counts chats offered to or active with them."""

    agent_id: int
    status: str
    heartbeat_at: datetime
    capacity: int
    load: int
    languages: frozenset[str]
    skills: frozenset[str] | None = None  # None: every topic
    last_offer_at: datetime | None = None
    vip_team: bool = False  # a VIP manager or supervisor: who the VIP queue goes to first


def queue_key(w: Waiting) -> tuple[int, int, datetime, int]:
    return (_PRIORITY_RANK.get(w.priority, 2), -w.vip_tier, w.queued_at, w.conversation_id)


def queue_order(waiting: Iterable[Waiting]) -> list[Waiting]:
    return sorted(waiting, key=queue_key)


def is_present(agent: AgentSlot, now: datetime, agent_timeout_s: float) -> bool:
    """Online, with a heartbeat no older than the timeout."""
    return agent.status == "online" and agent.heartbeat_at >= now - timedelta(
        seconds=agent_timeout_s
    )


def can_take(agent: AgentSlot, chat: Waiting, now: datetime, agent_timeout_s: float) -> bool:
    """Whether `agent` may be offered `chat` (decline history aside)."""
    if not is_present(agent, now, agent_timeout_s) or agent.load >= agent.capacity:
        return False
    if chat.language not in agent.languages:
        return False
    return chat.topic is None or agent.skills is None or chat.topic in agent.skills


def pick_agent(
    chat: Waiting, agents: Sequence[AgentSlot], now: datetime, agent_timeout_s: float
) -> int | None:
    if chat.ladder is None:
        return _least_busy(chat, agents, now, agent_timeout_s)
    step = _ladder_step(chat.ladder, chat, {a.agent_id: a for a in agents}, now, agent_timeout_s)
    if step is not RoutingStage.VIP_QUEUE:
        return vip_routing.holder(chat.ladder, step)  # free: _ladder_step checked it
    # The VIP team first; when none of them can take it (or only one who let it time out), the
    # general floor may, so that a VIP client is never left waiting for a team that is away.
    return _least_busy(chat, agents, now, agent_timeout_s, team_first=True)


def ladder_stage(
    chat: Waiting, slots: Mapping[int, AgentSlot], now: datetime, agent_timeout_s: float
) -> RoutingStage | None:
    """The ladder step of a VIP desk chat now (None for any other chat)."""
    if chat.ladder is None:
        return None
    return _ladder_step(chat.ladder, chat, slots, now, agent_timeout_s)


def _ladder_step(
    ladder: Ladder,
    chat: Waiting,
    slots: Mapping[int, AgentSlot],
    now: datetime,
    agent_timeout_s: float,
) -> RoutingStage:
    return vip_routing.stage(
        ladder,
        chat.queued_at,
        now,
        manager_present=_free(ladder.manager_id, chat, slots, now, agent_timeout_s),
        backup_present=_free(ladder.backup_manager_id, chat, slots, now, agent_timeout_s),
    )


def _free(
    agent_id: int | None,
    chat: Waiting,
    slots: Mapping[int, AgentSlot],
    now: datetime,
    agent_timeout_s: float,
) -> bool:
    """The manager (backup) can be offered the chat now. Language and skills are not asked:
    the client is theirs. One who turned this chat down or let it time out is passed over."""
    slot = slots.get(agent_id) if agent_id is not None else None
    return (
        slot is not None
        and is_present(slot, now, agent_timeout_s)
        and slot.load < slot.capacity
        and slot.agent_id not in chat.declined
        and slot.agent_id not in chat.missed
    )


def _least_busy(
    chat: Waiting,
    agents: Sequence[AgentSlot],
    now: datetime,
    agent_timeout_s: float,
    *,
    team_first: bool = False,
) -> int | None:
    candidates = [
        a
        for a in agents
        if a.agent_id not in chat.declined and can_take(a, chat, now, agent_timeout_s)
    ]
    if not candidates:
        return None

    def key(a: AgentSlot) -> tuple[bool, bool, bool, int, datetime, int]:
        return (
            a.agent_id in chat.missed,
            team_first and not a.vip_team,
            a.agent_id != chat.account_manager_id,
            a.load,
            a.last_offer_at or _LONG_AGO,
            a.agent_id,
        )

    return min(candidates, key=key).agent_id


def assign(
    waiting: Iterable[Waiting],
    agents: Sequence[AgentSlot],
    now: datetime,
    agent_timeout_s: float,
) -> list[tuple[int, int]]:
    """(conversation_id, agent_id) offers to make now, in queue order."""
    slots = {a.agent_id: a for a in agents}
    offers: list[tuple[int, int]] = []
    for chat in queue_order(waiting):
        agent_id = pick_agent(chat, list(slots.values()), now, agent_timeout_s)
        if agent_id is None:
            continue
        offers.append((chat.conversation_id, agent_id))
        slot = slots[agent_id]
        slots[agent_id] = replace(slot, load=slot.load + 1, last_offer_at=now)
    return offers


def queue_positions(waiting: Iterable[Waiting]) -> dict[int, int]:
    """1-based place of every queued conversation."""
    return {w.conversation_id: i for i, w in enumerate(queue_order(waiting), start=1)}


def estimated_wait_s(position: int, average_handle_s: float) -> int:
    """position × average handling time."""
    return round(position * average_handle_s)
