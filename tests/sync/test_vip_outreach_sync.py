"""Outreach, Qt-free: who gets which text (the server's rule), one client_id per compose while
its content is unchanged, a reply never undone by an older copy, vip.outreach.updated handed to
the subscribers. Then against the real server: sent once however often it is sent, each client
in their language, and the client's reply marks them REPLIED, linked to the message."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sync_fixtures import LoopbackServer, run, signed_in

from console.api.schemas import EventOut
from console.api.schemas_vip import OutreachOut, OutreachRecipientOut, VipClientSummary
from console.core.domain import EventType
from console.core.vip import AssetBand, OutreachStatus
from console.server.db import Database
from console.server.services import messages
from console.server.settings import sqlite_url
from console.sync.vip_outreach import OutreachCompose, OutreachSync, merge_outreach, plan

AT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _row(uid: str, language: str) -> VipClientSummary:
    return VipClientSummary(
        uid=uid,
        display_name=uid.lower(),
        tier=4,
        language=language,
        manager_id=1,
        manager_name="Mei Lin",
        target_minutes=20,
        volume_30d_usd=Decimal(1),
        asset_band=AssetBand.UNDER_1M,
        contact_hours="",
        products=[],
        open_items=0,
        waiting_items=0,
        updated_at=AT,
    )


def _outreach(*statuses: OutreachStatus) -> OutreachOut:
    return OutreachOut(
        id=1,
        subject="s",
        created_by=1,
        created_by_name="Mei",
        created_at=AT,
        recipients=[
            OutreachRecipientOut(
                client_uid=f"U{i}",
                client_name="x",
                language="en",
                status=status,
                ticket_id=10 + i,
                replied_at=AT if status is OutreachStatus.REPLIED else None,
                reply_message_id=99 if status is OutreachStatus.REPLIED else None,
            )
            for i, status in enumerate(statuses)
        ],
    )


def test_plan_follows_the_servers_rule() -> None:
    clients = [_row("A", "zh"), _row("B", "zh-TW"), _row("C", "ja"), _row("D", "ko")]
    bodies = {"zh": "你好", "en": "Hello", "ko": "  "}  # an empty text counts as none
    planned = plan(clients, bodies, "en")
    assert [(p.uid, p.text_language, p.falls_back) for p in planned] == [
        ("A", "zh", False),
        ("B", "zh", False),
        ("C", "en", True),
        ("D", "en", True),
    ]
    assert [p.text_language for p in plan(clients, {"zh": "你好"}, "en")] == [
        "zh",
        "zh",
        None,
        None,
    ]


def test_a_compose_keeps_its_client_id_while_the_content_is_the_same() -> None:
    compose = OutreachCompose()
    first = compose.request(
        "Subject", {"zh": "你好", "en": "Hello", "ja": ""}, "en", ["A", "B", "A"]
    )
    assert first.bodies == {"zh": "你好", "en": "Hello"}
    assert first.client_uids == ["A", "B"]
    again = compose.request("Subject", {"en": "Hello", "zh": "你好"}, "en", ["A", "B"])
    assert again.client_id == first.client_id
    changed = compose.request("Subject", {"en": "Hello!", "zh": "你好"}, "en", ["A", "B"])
    assert changed.client_id != first.client_id


def test_a_reply_is_never_undone_by_an_older_copy() -> None:
    replied = _outreach(OutreachStatus.REPLIED, OutreachStatus.DELIVERED)
    stale = _outreach(OutreachStatus.DELIVERED, OutreachStatus.DELIVERED)
    merged = merge_outreach(replied, stale)
    assert [r.status for r in merged.recipients] == [
        OutreachStatus.REPLIED,
        OutreachStatus.DELIVERED,
    ]
    assert merged.recipients[0].reply_message_id == 99
    newer = _outreach(OutreachStatus.REPLIED, OutreachStatus.REPLIED)
    assert merge_outreach(replied, newer) == newer


def test_outreach_events_reach_the_subscribers() -> None:
    sync = OutreachSync(lambda: None)
    got: list[OutreachOut] = []
    unsubscribe = sync.subscribe(got.append)
    payload = _outreach(OutreachStatus.REPLIED).model_dump(mode="json")
    events = [
        EventOut(id=1, type=EventType.VIP_OUTREACH_UPDATED, payload=payload, created_at=AT),
        EventOut(id=2, type=EventType.VIP_OUTREACH_UPDATED, payload={"id": "x"}, created_at=AT),
        EventOut(id=3, type=EventType.TICKET_UPDATED, payload={}, created_at=AT),
    ]
    sync.observe(events)  # the malformed one is skipped, the rest is not theirs
    assert [o.recipients[0].status for o in got] == [OutreachStatus.REPLIED]
    assert sync.latest(1) == got[0]
    unsubscribe()
    sync.observe(events[:1])
    assert len(got) == 1


# --- against the real server ------------------------------------------------------------------


def test_sent_once_in_each_clients_language_and_a_reply_marks_it(server: LoopbackServer) -> None:
    async def scenario() -> None:
        mei = await signed_in(server.url, "mei")
        me = await mei.me()
        sync = OutreachSync(lambda: mei)
        portfolio = [c for c in await mei.vip_portfolio() if c.manager_id == me.id]
        zh = next(c for c in portfolio if c.language == "zh")
        en = next(c for c in portfolio if c.language == "en")
        compose = OutreachCompose()
        bodies = {"zh": "周六凌晨系统维护，期间暂停提现。", "en": "Withdrawals pause on Saturday."}
        request = compose.request("Maintenance", bodies, "en", [zh.uid, en.uid])
        sent = await sync.send(request)
        again = await sync.send(compose.request("Maintenance", bodies, "en", [zh.uid, en.uid]))
        assert again.id == sent.id and again.recipients == sent.recipients
        assert [(r.client_uid, r.language, r.status) for r in sent.recipients] == [
            (zh.uid, "zh", OutreachStatus.DELIVERED),
            (en.uid, "en", OutreachStatus.DELIVERED),
        ]
        for recipient, text in zip(sent.recipients, bodies.values(), strict=True):
            assert recipient.ticket_id is not None
            thread = await mei.messages(recipient.ticket_id)
            assert [m.body for m in thread] == [text]
        assert [o.id for o in await sync.history()].count(sent.id) == 1

        last = (await mei.events(after=0, limit=1)).last_id
        db = Database(sqlite_url(server.database))
        try:
            with db.write() as session:
                reply = messages.add_customer_message(
                    session, sent.recipients[0].ticket_id, "收到，谢谢"
                )
        finally:
            db.dispose()
        got: list[OutreachOut] = []
        sync.subscribe(got.append)
        page = await mei.events(after=last, limit=500)
        sync.observe(page.items)  # what the live stream brings the author
        assert got, "no vip.outreach.updated for the author"
        marked = got[-1].recipients[0]
        assert (marked.status, marked.reply_message_id) == (OutreachStatus.REPLIED, reply.id)
        assert (await sync.load(sent.id)).recipients[0].status is OutreachStatus.REPLIED
        await mei.aclose()

    run(scenario())
