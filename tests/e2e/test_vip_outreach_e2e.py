"""Outreach end to end: Mei, a VIP account manager in the real console, selects two of her
clients who read different languages on the portfolio, writes one text per language in the
outreach dialog and sends. On the real server each client gets exactly one ticket carrying the
text in their language; the Chinese client answers (as the demo's customers do, through the
server's message service), and the dialog's tracking view shows them as replied, linked to that
answer. Sending the same compose again creates nothing new."""

from __future__ import annotations

import pytest
from e2e_inbox import api_client, click, run_scenario, sign_in, start_console, type_mixed
from e2e_support import LiveServer, wait_until
from e2e_vip import clients_of, select_clients, vip_page
from e2e_workspace import customer_writes, server_tickets
from PySide6.QtWidgets import QApplication

from console.core.vip import OutreachStatus
from console.ui.vip.outreach_dialog import OutreachDialog
from console.ui.vip.outreach_tracking import Col

pytestmark = pytest.mark.usefixtures("english_ui")

SUBJECT = "Maintenance on Saturday"
ZH = "周六凌晨2点至4点系统维护，期间暂停提现。如有大额提现需求请提前告诉我。"
EN = "Withdrawals pause on Saturday 02:00-04:00 UTC for maintenance. Tell me about large ones."
REPLY = "收到，谢谢提醒！"
TAG = "vip-outreach"


def _dialog() -> OutreachDialog | None:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, OutreachDialog) and w.isVisible()
        ),
        None,
    )


def test_mei_writes_to_two_clients_in_their_languages_and_sees_the_reply(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    console = start_console(tmp_path / "mei", live_server.url)
    clients: list = []

    async def scenario() -> None:
        checker = await api_client(live_server.url, "mei")
        clients.append(checker)
        me = await checker.me()
        mine = await clients_of(checker, me.id)
        zh = next(c for c in mine if c.language == "zh")
        en = next(c for c in mine if c.language == "en")
        before = {t.id for t in await server_tickets(checker, tag=TAG)}

        mei = await sign_in(qtbot, console, "mei")
        portfolio = await vip_page(qtbot, mei)
        select_clients(qtbot, portfolio, [zh.uid, en.uid])
        click(qtbot, portfolio.outreach_button)
        await wait_until(_dialog, what="outreach dialog shown")
        dialog = _dialog()
        assert dialog is not None
        compose = dialog.compose
        tabs = [compose.tabs.tabText(i) for i in range(compose.tabs.count())]
        assert sorted(tabs) == ["Chinese · 1", "English · 1"]
        assert compose.gets_text(zh.uid) == "Nothing yet: no text in their language"

        # She writes the subject and a text per language (Chinese through the input method).
        compose.subject_edit.setFocus()
        type_mixed(qtbot, compose.subject_edit, SUBJECT)
        for language, text in (("zh", ZH), ("en", EN)):
            compose.tabs.setCurrentWidget(compose.editors[language].parentWidget())
            editor = compose.editors[language]
            editor.setFocus()
            type_mixed(qtbot, editor, text)
            assert editor.toPlainText() == text
        assert compose.gets_text(zh.uid) == "Chinese text"
        assert compose.gets_text(en.uid) == "English text"
        await wait_until(dialog.send_button.isEnabled, what="send possible (online)")
        click(qtbot, dialog.send_button)
        await wait_until(lambda: dialog.outreach is not None, 30, "outreach sent")
        assert dialog.pages.currentIndex() == 1 and not dialog.problems_shown()
        sent = dialog.outreach
        tracking = dialog.tracking
        assert tracking.cell_text(zh.uid, Col.STATUS) == "Delivered"
        assert tracking.cell_text(en.uid, Col.STATUS) == "Delivered"

        # On the server: exactly one new ticket per client, carrying the text in their language.
        new = [t for t in await server_tickets(checker, tag=TAG) if t.id not in before]
        assert sorted(t.customer_uid for t in new) == sorted([zh.uid, en.uid])
        by_uid = {t.customer_uid: t for t in new}
        for client, text in ((zh, ZH), (en, EN)):
            ticket = by_uid[client.uid]
            assert ticket.subject == SUBJECT and ticket.assignee_id == me.id
            assert [m.body for m in await checker.messages(ticket.id)] == [text]
            assert tracking.cell_text(client.uid, Col.TICKET) == f"#{ticket.id}"
        assert [o.id for o in await checker.outreach_list()].count(sent.id) == 1

        # The Chinese client answers in the app: the tracking view shows it, linked to the reply.
        zh_ticket = by_uid[zh.uid].id
        customer_writes(live_server.database, zh_ticket, REPLY)
        await wait_until(
            lambda: tracking.cell_text(zh.uid, Col.STATUS) == "Replied", 30, "reply tracked"
        )
        [reply] = [m for m in await checker.messages(zh_ticket) if m.body == REPLY]
        shown = tracking.outreach
        assert shown is not None
        replied = next(r for r in shown.recipients if r.client_uid == zh.uid)
        assert replied.status is OutreachStatus.REPLIED
        assert replied.reply_message_id == reply.id
        assert tracking.cell_text(zh.uid, Col.REPLIED) != "—"
        row = tracking.recipient_row(zh.uid)
        assert (
            f"message {reply.id} on ticket #{zh_ticket}"
            in tracking.table.item(row, Col.REPLIED).toolTip()
        )
        assert tracking.cell_text(en.uid, Col.STATUS) == "Delivered"
        assert "1 replied" in tracking.summary.text()
        server_copy = await checker.outreach(sent.id)
        assert [r.status for r in server_copy.recipients if r.client_uid == zh.uid] == [
            OutreachStatus.REPLIED
        ]

        # The same compose sent again (a retry): the same outreach, nothing new for anyone.
        answered: list = []
        dialog.sent.connect(answered.append)
        dialog.send()
        await wait_until(lambda: answered, 30, "second send answered")
        assert answered[0].id == sent.id
        after = [t for t in await server_tickets(checker, tag=TAG) if t.id not in before]
        assert sorted(t.id for t in after) == sorted(t.id for t in new)
        assert [o.id for o in await checker.outreach_list()].count(sent.id) == 1
        dialog.close()

    run_scenario(qasync_loop, scenario, [console], clients)
