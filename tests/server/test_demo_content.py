"""The demo workspace: deterministic, complete, internally consistent and well-formed (its
texts are checked in test_demo_texts.py)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from console.core.domain import (
    OPEN_STATUSES,
    AccountStatus,
    Category,
    Channel,
    MessageKind,
    Priority,
    Role,
    TicketStatus,
    TransferStatus,
)
from console.server.demo import DEMO_PASSWORD, DemoWorkspace, generate_demo, texts
from console.server.demo.chain import NETWORKS
from console.server.demo.simulator import CustomerFollowUp, CustomerTraffic, NewTicket

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def workspace() -> DemoWorkspace:
    return generate_demo(seed=7, now=NOW)  # the default size the server seeds


# --- determinism -------------------------------------------------------------------------------


def test_same_seed_gives_the_same_workspace() -> None:
    first = generate_demo(seed=7, tickets=600, now=NOW)
    assert generate_demo(seed=7, tickets=600, now=NOW) == first


def test_another_seed_gives_another_workspace(workspace: DemoWorkspace) -> None:
    other = generate_demo(seed=8, tickets=300, now=NOW)
    assert [c.uid for c in other.customers] != [c.uid for c in workspace.customers]
    assert [t.subject for t in other.tickets] != [t.subject for t in workspace.tickets[:300]]


def test_ticket_count_follows_the_parameter() -> None:
    assert len(generate_demo(seed=3, tickets=40, now=NOW).tickets) == 40
    assert len(generate_demo(seed=3, tickets=5, now=NOW).tickets) == 5


# --- counts and coverage -----------------------------------------------------------------------


def test_demo_accounts_and_team(workspace: DemoWorkspace) -> None:
    agents = {a.username: a for a in workspace.agents}
    expected = {
        "alice": (Role.AGENT, ["zh", "en"]),
        "bob": (Role.AGENT, ["en"]),
        "mei": (Role.VIP_MANAGER, ["zh", "en"]),
        "tom": (Role.TRAINER, ["en"]),
        "sara": (Role.SUPERVISOR, ["zh", "en", "ja"]),
        "nadia": (Role.COMPLIANCE, ["en", "zh"]),
        # The VIP desk's other account managers (mei is the one on the sign-in screen).
        "oliver": (Role.VIP_MANAGER, ["en", "zh"]),
        "hana": (Role.VIP_MANAGER, ["ja", "en"]),
        "minjun": (Role.VIP_MANAGER, ["ko", "en"]),
    }
    for username, (role, languages) in expected.items():
        assert agents[username].role == role
        assert agents[username].languages == languages
        assert agents[username].password == DEMO_PASSWORD == "demo-pass-2026"
    others = [a for a in workspace.agents if a.username not in expected]
    assert len(others) >= 8
    assert all(a.role == Role.AGENT for a in others)
    spoken = {lang for a in workspace.agents for lang in a.languages}
    assert spoken == {"zh", "en", "ja", "ko"}


def test_customers_look_like_an_exchange_user_base(workspace: DemoWorkspace) -> None:
    customers = workspace.customers
    assert len(customers) == 800
    uids = [c.uid for c in customers]
    assert len(set(uids)) == len(uids)
    assert all(re.fullmatch(r"U\d{8}", uid) for uid in uids)
    assert all(0 <= c.kyc_level <= 3 and 0 <= c.vip_tier <= 9 for c in customers)
    tiers = Counter(c.vip_tier for c in customers)
    assert tiers[0] > len(customers) / 2  # mostly regular users ...
    assert max(tiers) >= 8  # ... with a tail up to the top tiers
    assert {c.language for c in customers} == {"zh", "en", "ja", "ko"}
    assert 0 < sum(c.account_status == AccountStatus.FROZEN for c in customers) < 40
    assert all("@" in c.email and c.display_name for c in customers)
    assert all(len(c.transfers) <= 8 and len(c.security_events) <= 4 for c in customers)
    assert any(c.transfers for c in customers) and any(c.security_events for c in customers)


def test_tickets_cover_every_channel_category_and_status(workspace: DemoWorkspace) -> None:
    tickets = workspace.tickets
    assert len(tickets) >= 5000
    assert {t.channel for t in tickets} == set(Channel)
    assert {t.category for t in tickets} == set(Category)
    assert {t.status for t in tickets} == set(TicketStatus)
    assert {t.priority for t in tickets} == set(Priority)
    statuses = Counter(t.status for t in tickets)
    in_progress = sum(
        statuses[s] for s in (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING)
    )
    assert in_progress > len(tickets) / 2
    assert 0 < sum(t.assignee_username is None for t in tickets) < len(tickets) / 2
    assert all(t.tags for t in tickets)


def test_language_mix(workspace: DemoWorkspace) -> None:
    languages = Counter(t.language for t in workspace.tickets)
    total = len(workspace.tickets)
    assert languages["zh"] >= 0.4 * total
    assert languages["en"] >= 0.4 * total
    assert 0 < languages["ja"] < 0.1 * total
    assert 0 < languages["ko"] < 0.1 * total


@pytest.mark.parametrize("category", list(Category))
@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_category_has_eight_opening_scenarios(category: Category, language: str) -> None:
    scenarios = texts.openings(language, category)
    assert len({s.key for s in scenarios}) >= 8
    assert len({s.subject for s in scenarios}) == len(scenarios)
    assert all(s.language == language and s.category == category for s in scenarios)


@pytest.mark.parametrize("category", list(Category))
def test_japanese_and_korean_cover_every_category(category: Category) -> None:
    assert texts.openings("ja", category)
    assert texts.openings("ko", category)


def test_generated_tickets_use_many_scenarios(workspace: DemoWorkspace) -> None:
    for category in Category:
        for language in ("zh", "en"):
            subjects = {
                re.sub(r"[\d.]+", "#", t.subject)
                for t in workspace.tickets
                if t.category == category and t.language == language
            }
            assert len(subjects) >= 6, (category, language)


# --- referential integrity and time ------------------------------------------------------------


def test_references_resolve(workspace: DemoWorkspace) -> None:
    uids = {c.uid for c in workspace.customers}
    agents = {a.username for a in workspace.agents}
    for t in workspace.tickets:
        assert t.customer_uid in uids
        assert t.assignee_username is None or t.assignee_username in agents
        for m in t.messages:
            if m.kind == MessageKind.CUSTOMER:
                assert m.author_username is None
            else:
                assert m.author_username in agents


def test_ticket_language_follows_the_customer(workspace: DemoWorkspace) -> None:
    language_of = {c.uid: c.language for c in workspace.customers}
    assert all(t.language == language_of[t.customer_uid] for t in workspace.tickets)


def test_conversations_are_shaped_by_status(workspace: DemoWorkspace) -> None:
    for t in workspace.tickets:
        assert 1 <= len(t.messages) <= 6
        assert t.messages[0].kind == MessageKind.CUSTOMER
        kinds = [m.kind for m in t.messages]
        if t.status == TicketStatus.NEW:
            assert set(kinds) == {MessageKind.CUSTOMER}
        if t.status == TicketStatus.PENDING:
            assert kinds[-1] == MessageKind.REPLY  # waiting for the customer
        if t.status in (TicketStatus.SOLVED, TicketStatus.CLOSED):
            assert MessageKind.REPLY in kinds and t.assignee_username is not None
        if MessageKind.REPLY in kinds or MessageKind.NOTE in kinds:
            assert t.assignee_username is not None


def test_timestamps_are_utc_chronological_and_recent(workspace: DemoWorkspace) -> None:
    window_start = NOW - timedelta(days=30, minutes=1)
    for t in workspace.tickets:
        assert t.created_at.tzinfo == UTC
        assert window_start <= t.created_at <= NOW
        assert t.messages[0].created_at == t.created_at
        stamps = [m.created_at for m in t.messages]
        assert stamps == sorted(stamps)
        assert all(s.tzinfo == UTC and t.created_at <= s <= NOW for s in stamps)
    for c in workspace.customers:
        for stamp in [x.created_at for x in c.transfers] + [
            e.created_at for e in c.security_events
        ]:
            assert stamp.tzinfo == UTC and window_start <= stamp <= NOW
    created = [t.created_at for t in workspace.tickets]
    assert created == sorted(created)
    assert max(created) - min(created) > timedelta(days=25)


def test_default_now_is_the_current_time() -> None:
    before = datetime.now(UTC)
    ws = generate_demo(seed=1, tickets=20)
    assert all(before - timedelta(days=31) < t.created_at <= datetime.now(UTC) for t in ws.tickets)


# --- on-chain shapes ---------------------------------------------------------------------------

_BASE58 = "[1-9A-HJ-NP-Za-km-z]"
_ADDRESS = {
    "evm": r"0x[0-9a-f]{40}",
    "btc": rf"bc1q[02-9ac-hj-np-z]{{38}}|bc1p[02-9ac-hj-np-z]{{58}}|[13]{_BASE58}{{33}}",
    "tron": rf"T{_BASE58}{{33}}",
    "sol": rf"{_BASE58}{{43,44}}",
    "xrp": rf"r{_BASE58}{{33}}",
    "ton": r"(UQ|EQ)[A-Za-z0-9_-]{46}",
    "doge": rf"D{_BASE58}{{33}}",
}
_TX = {
    "evm": r"0x[0-9a-f]{64}",
    "sol": rf"{_BASE58}{{87,88}}",
    "xrp": r"[0-9A-F]{64}",
}


def test_transfers_have_the_shapes_of_their_network(workspace: DemoWorkspace) -> None:
    transfers = [t for c in workspace.customers for t in c.transfers]
    assert len(transfers) > 1000
    assert {t.direction for t in transfers} == {"deposit", "withdrawal"}
    assert {t.status for t in transfers} == set(TransferStatus)
    assert {"BTC", "ETH", "USDT", "SOL", "TRX", "XRP"} <= {t.asset for t in transfers}
    for t in transfers:
        network = NETWORKS[t.network]
        assert re.fullmatch(_ADDRESS[network.address_kind], t.address), (t.network, t.address)
        assert isinstance(t.amount, Decimal) and t.amount > 0
        if t.tx_hash is None:
            assert t.direction == "withdrawal" and t.status in (
                TransferStatus.PENDING,
                TransferStatus.UNDER_REVIEW,
                TransferStatus.FAILED,
            )
        else:
            shape = _TX.get(network.address_kind, r"[0-9a-f]{64}")
            assert re.fullmatch(shape, t.tx_hash), (t.network, t.tx_hash)
        if t.status == TransferStatus.COMPLETED:
            assert t.confirmations >= network.confirmations
        if t.status == TransferStatus.CONFIRMING:
            assert t.confirmations < network.confirmations


def test_assets_travel_on_matching_networks(workspace: DemoWorkspace) -> None:
    allowed = {
        "BTC": {"BTC", "BEP20"},
        "SOL": {"SOL"},
        "TRX": {"TRC20"},
        "XRP": {"XRP"},
        "ETH": {"ERC20", "ARBITRUM", "OPTIMISM", "BASE", "BEP20"},
    }
    for c in workspace.customers:
        for t in c.transfers:
            if t.asset in allowed:
                assert t.network in allowed[t.asset], (t.asset, t.network)


def test_hashes_in_ticket_texts_are_well_formed(workspace: DemoWorkspace) -> None:
    evm = re.compile(r"(?<![0-9A-Za-z])0x[0-9a-fA-F]+…?")  # not "0x" inside a base58/bech32 string
    seen = 0
    for t in workspace.tickets:
        for m in t.messages:
            for found in evm.findall(m.body):
                if not found.endswith("…"):  # shortened for display, like 0xabcd…1234
                    assert len(found) in (42, 66), found  # an address or a transaction hash
                    seen += 1
    assert seen > 100


def test_the_default_demo_has_five_thousand_tickets(workspace: DemoWorkspace) -> None:
    # How long generating them takes is not asserted: a timed test fails on a busy machine.
    assert len(workspace.tickets) == 5000


# --- simulator ---------------------------------------------------------------------------------


def test_traffic_is_deterministic(workspace: DemoWorkspace) -> None:
    first = [CustomerTraffic(workspace, seed=5).next_action(NOW) for _ in range(1)]
    one, two = CustomerTraffic(workspace, seed=5), CustomerTraffic(workspace, seed=5)
    assert [one.next_action(NOW) for _ in range(50)] == [two.next_action(NOW) for _ in range(50)]
    assert first[0] == CustomerTraffic(workspace, seed=5).next_action(NOW)


def test_traffic_mixes_new_tickets_and_follow_ups(workspace: DemoWorkspace) -> None:
    traffic = CustomerTraffic(workspace, seed=9)
    uids = {c.uid for c in workspace.customers}
    actions = [traffic.next_action(NOW + timedelta(minutes=i)) for i in range(2000)]
    new = [a for a in actions if isinstance(a, NewTicket)]
    follow = [a for a in actions if isinstance(a, CustomerFollowUp)]
    assert 0.53 < len(new) / len(actions) < 0.67
    for i, action in enumerate(actions):
        if isinstance(action, NewTicket):
            ticket = action.ticket
            assert ticket.status == TicketStatus.NEW and ticket.assignee_username is None
            assert ticket.customer_uid in uids
            assert ticket.created_at == NOW + timedelta(minutes=i)
            assert [m.kind for m in ticket.messages] == [MessageKind.CUSTOMER]
            assert ticket.messages[0].created_at == ticket.created_at
            assert "{" not in ticket.messages[0].body
    for action in follow:
        ticket = workspace.tickets[action.ticket_index]
        assert ticket.status in OPEN_STATUSES
        assert action.language == ticket.language
        assert action.ticket_subject == ticket.subject
        assert action.customer_uid == ticket.customer_uid
        assert action.body and "{" not in action.body
    assert {a.language for a in follow} >= {"zh", "en"}
    assert len({a.ticket.category for a in new}) == len(Category)


def test_new_tickets_never_use_the_generic_social_channel(workspace: DemoWorkspace) -> None:
    traffic = CustomerTraffic(workspace, seed=4)
    actions = [traffic.next_action(NOW) for _ in range(600)]
    channels = Counter(a.ticket.channel for a in actions if isinstance(a, NewTicket))
    assert channels[Channel.SOCIAL] == 0
    assert channels[Channel.X] and channels[Channel.TELEGRAM]
