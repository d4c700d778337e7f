"""The VIP routing ladder's pure decisions on a fixed clock: who is offered a VIP desk client's
chat at each step, where a waiting ticket goes, when an open offer is taken back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from console.core.vip import RoutingStage, target_for
from console.server.services.chat_routing import AgentSlot, Waiting, assign, pick_agent
from console.server.services.vip_routing import (
    Ladder,
    offer_overdue,
    offered_stage,
    ticket_assignee,
)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
TIMEOUT = 45.0
MANAGER, BACKUP, TEAM, AGENT = 1, 2, 3, 4
LADDER = Ladder(MANAGER, BACKUP, timedelta(minutes=30))  # shares: 10 min each


def chat(**kw: object) -> Waiting:
    values: dict[str, object] = {
        "conversation_id": 7,
        "priority": "high",
        "vip_tier": 3,
        "queued_at": T0,
        "language": "zh",
        "topic": None,
        "account_manager_id": MANAGER,
        "ladder": LADDER,
    }
    values.update(kw)
    return Waiting(**values)  # type: ignore[arg-type]


def slot(aid: int, load: int = 0, **kw: object) -> AgentSlot:
    values: dict[str, object] = {
        "agent_id": aid,
        "status": "online",
        "heartbeat_at": T0 + timedelta(hours=1),  # fresh at every moment of these tests
        "capacity": 5,
        "load": load,
        "languages": frozenset({"zh", "en"}),
        "vip_team": aid in (MANAGER, BACKUP, TEAM),
    }
    values.update(kw)
    return AgentSlot(**values)  # type: ignore[arg-type]


def floor(**changes: dict[str, object]) -> list[AgentSlot]:
    # The plain agent is the least loaded: without the ladder they would get every chat.
    loads = {MANAGER: 3, BACKUP: 3, TEAM: 2, AGENT: 0}
    return [slot(aid, **{"load": loads[aid], **changes.get(str(aid), {})}) for aid in loads]


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_each_step_is_offered_to_its_holder_only() -> None:
    agents = floor()
    assert pick_agent(chat(), agents, at(1), TIMEOUT) == MANAGER
    assert pick_agent(chat(), agents, at(10.5), TIMEOUT) == BACKUP
    # The VIP queue: the team before the floor, their own manager first unless they let it pass.
    assert pick_agent(chat(), agents, at(21), TIMEOUT) == MANAGER
    assert pick_agent(chat(missed=frozenset({MANAGER})), agents, at(21), TIMEOUT) == TEAM
    assert pick_agent(chat(ladder=None), agents, at(1), TIMEOUT) == MANAGER  # the old preference
    assert pick_agent(chat(ladder=None, account_manager_id=None), agents, at(1), TIMEOUT) == AGENT


def test_an_away_full_or_declining_manager_is_skipped_at_once() -> None:
    away = floor(**{str(MANAGER): {"status": "away"}})
    assert pick_agent(chat(), away, at(1), TIMEOUT) == BACKUP
    full = floor(**{str(MANAGER): {"load": 5}})
    assert pick_agent(chat(), full, at(1), TIMEOUT) == BACKUP
    stale = floor(**{str(MANAGER): {"heartbeat_at": at(1) - timedelta(seconds=TIMEOUT + 1)}})
    assert pick_agent(chat(), stale, at(1), TIMEOUT) == BACKUP
    assert pick_agent(chat(declined=frozenset({MANAGER})), floor(), at(1), TIMEOUT) == BACKUP
    assert pick_agent(chat(missed=frozenset({MANAGER})), floor(), at(1), TIMEOUT) == BACKUP
    both = floor(**{str(MANAGER): {"status": "away"}, str(BACKUP): {"status": "offline"}})
    assert pick_agent(chat(), both, at(1), TIMEOUT) == TEAM
    no_backup = chat(ladder=Ladder(MANAGER, None, LADDER.target))
    assert pick_agent(no_backup, away, at(1), TIMEOUT) == TEAM


def test_the_vip_queue_falls_back_to_the_floor_rather_than_strand_the_client() -> None:
    team_away = floor(
        **{str(aid): {"status": "away"} for aid in (MANAGER, BACKUP, TEAM)},
    )
    assert pick_agent(chat(), team_away, at(1), TIMEOUT) == AGENT
    # Those who let it time out are asked again only when nobody else can take it.
    missed = chat(missed=frozenset({MANAGER, BACKUP}))
    assert pick_agent(missed, floor(), at(25), TIMEOUT) == TEAM
    assert pick_agent(missed, floor(**{str(TEAM): {"status": "away"}}), at(25), TIMEOUT) == AGENT
    only_them = [slot(MANAGER, load=1), slot(BACKUP, load=2)]
    assert pick_agent(missed, only_them, at(25), TIMEOUT) == MANAGER


def test_assign_counts_the_managers_capacity_across_the_queue() -> None:
    first, second = chat(conversation_id=1), chat(conversation_id=2, queued_at=at(0.1))
    agents = floor(**{str(MANAGER): {"load": 4}})  # room for one more
    assert assign([first, second], agents, at(1), TIMEOUT) == [(1, MANAGER), (2, BACKUP)]


def test_offers_are_taken_back_when_their_step_ends() -> None:
    assert offered_stage(LADDER, T0, MANAGER, at(1)) is RoutingStage.MANAGER
    assert offered_stage(LADDER, T0, BACKUP, at(1)) is RoutingStage.BACKUP  # manager was away
    assert offered_stage(LADDER, T0, MANAGER, at(12)) is RoutingStage.VIP_QUEUE  # as team member
    assert not offer_overdue(LADDER, T0, MANAGER, at(1), at(9.9))
    assert offer_overdue(LADDER, T0, MANAGER, at(1), at(10))
    assert not offer_overdue(LADDER, T0, BACKUP, at(11), at(19))
    assert offer_overdue(LADDER, T0, BACKUP, at(11), at(20))
    assert not offer_overdue(LADDER, T0, TEAM, at(21), at(59))  # the queue has no next step


def test_a_waiting_ticket_climbs_once_per_step_and_only_forward() -> None:
    def step(assignee: int | None, minutes: float, m: bool = True, b: bool = True):  # type: ignore[no-untyped-def]
        return ticket_assignee(
            LADDER, T0, at(minutes), assignee, manager_present=m, backup_present=b
        )

    assert step(None, 0) == (True, MANAGER)  # new
    assert step(MANAGER, 5) == (False, MANAGER)
    assert step(MANAGER, 10) == (True, BACKUP)
    assert step(BACKUP, 15) == (False, BACKUP)
    assert step(BACKUP, 20) == (True, None)
    assert step(None, 25) == (False, None)  # in the VIP queue: stays there
    assert step(None, 0, m=False) == (True, BACKUP)
    assert step(None, 0, m=False, b=False) == (False, None)
    assert step(MANAGER, 1, m=False) == (True, BACKUP)  # the manager went away
    assert step(BACKUP, 1) == (False, BACKUP)  # the manager is back: the backup keeps it
    assert step(None, 1) == (True, MANAGER)  # ... an unassigned one goes to them
    assert step(AGENT, 25) == (False, AGENT)  # somebody took it up: theirs


def test_targets_from_the_table_else_the_default() -> None:
    assert target_for(1, {}) == timedelta(minutes=60)
    assert target_for(9, {9: 0.5}) == timedelta(seconds=30)
    assert target_for(12, {}) == timedelta(minutes=2)  # clamped to tier 9
