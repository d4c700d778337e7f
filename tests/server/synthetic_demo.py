"""A DemoWorkspace built in the tests, independent of the demo content generator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from console.core.domain import (
    AccountStatus,
    Category,
    Channel,
    MessageKind,
    Priority,
    Role,
    SecurityEventKind,
    TicketStatus,
    TransferStatus,
)
from console.server.demo.model import (
    DemoAgent,
    DemoCustomer,
    DemoMessage,
    DemoSecurityEvent,
    DemoTicket,
    DemoTransfer,
    DemoWorkspace,
)

START = datetime(2026, 1, 1, tzinfo=UTC)
AGENTS = [
    DemoAgent("alice", "Alice", "demo-pass-2026", Role.AGENT, ["zh", "en"]),
    DemoAgent("sara", "Sara", "demo-pass-2026", Role.SUPERVISOR, ["zh", "en", "ja"]),
]


def synthetic_workspace(tickets: int, customers: int = 200) -> DemoWorkspace:
    people = [
        DemoCustomer(
            uid=f"U{10_000_000 + i}",
            display_name=f"Person {i}",
            email=f"person{i}@example.com",
            phone=None,
            kyc_level=i % 4,
            vip_tier=i % 10,
            language="zh" if i % 2 else "en",
            region="HK",
            account_status=AccountStatus.ACTIVE,
            transfers=[
                DemoTransfer(
                    direction="deposit",
                    asset="BTC",
                    network="BTC",
                    amount=Decimal("0.00012345"),
                    address=f"bc1q{i}",
                    tx_hash=None,
                    confirmations=1,
                    status=TransferStatus.CONFIRMING,
                    created_at=START + timedelta(hours=i),
                )
            ],
            security_events=[DemoSecurityEvent(SecurityEventKind.LOGIN_NEW_IP, "1.2.3.4", START)],
        )
        for i in range(customers)
    ]
    items = []
    for i in range(tickets):
        opened = START + timedelta(minutes=7 * i)
        items.append(
            DemoTicket(
                subject=f"Demo ticket {i}",
                channel=list(Channel)[i % len(Channel)],
                category=list(Category)[i % len(Category)],
                language="zh" if i % 2 else "en",
                priority=list(Priority)[i % len(Priority)],
                status=list(TicketStatus)[i % len(TicketStatus)],
                customer_uid=people[i % customers].uid,
                assignee_username="alice" if i % 3 == 0 else None,
                tags=["demo"],
                created_at=opened,
                messages=[
                    DemoMessage(MessageKind.CUSTOMER, f"Question {i}", None, opened),
                    DemoMessage(
                        MessageKind.REPLY, f"Answer {i}", "alice", opened + timedelta(minutes=3)
                    ),
                    DemoMessage(
                        MessageKind.NOTE, f"Note {i}", "sara", opened + timedelta(minutes=4)
                    ),
                ],
            )
        )
    return DemoWorkspace(agents=list(AGENTS), customers=people, tickets=items)
