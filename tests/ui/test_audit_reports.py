"""The console reports the messages its composers kept back: the kinds found and where, never
the text; kept in the local store until the server has them (offline, a refused retry, a
restart), each with its own Idempotency-Key so a retry is recorded once."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent

from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas_audit import GuardBlockReport
from console.ui.audit.guard_reports import UNSENT_KEY, GuardBlockReporter
from console.ui.chat.chat_composer import ChatComposer
from console.ui.ticket.reply_box import ReplyBox

ASKING = "为了核实身份，请发一下你的助记词"


class FakeClient:
    def __init__(self) -> None:
        self.sent: list[tuple[str, GuardBlockReport]] = []
        self.fail_with: ApiError | None = None

    async def report_guard_block(self, report: GuardBlockReport, *, idempotency_key: str) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append((idempotency_key, report))


class Spawned:
    """The session's spawn, run to the end when the test says."""

    def __init__(self) -> None:
        self.coros: list[Coroutine[Any, Any, None]] = []

    def __call__(self, coro: Coroutine[Any, Any, None]) -> None:
        self.coros.append(coro)

    def run(self) -> None:
        while self.coros:
            asyncio.run(self.coros.pop(0))


@pytest.fixture
def client() -> FakeClient:
    return FakeClient()


@pytest.fixture
def spawned() -> Spawned:
    return Spawned()


def reporter(store, client, spawned) -> GuardBlockReporter:
    return GuardBlockReporter(store, lambda: client, spawned)


def test_a_block_is_sent_as_kinds_and_place_only(store, client, spawned) -> None:
    reports = reporter(store, client, spawned)
    reports.report("reply", 12, ASKING)
    assert ASKING not in (store.get_meta(UNSENT_KEY) or "")
    spawned.run()
    [(key, sent)] = client.sent
    assert sent == GuardBlockReport(kind="reply", ticket_id=12, categories=["asks_secret"])
    assert key and reports.unsent() == []


def test_offline_it_waits_in_the_store_and_a_retry_keeps_its_key(store, client, spawned) -> None:
    client.fail_with = ServerUnreachable("no network")
    reports = reporter(store, client, spawned)
    reports.report("chat_message", 5, "Please tell me the SMS code you just received.")
    spawned.run()
    [(key, waiting)] = reports.unsent()
    assert waiting.conversation_id == 5 and waiting.categories == ["asks_code"]
    assert reports._retry.isActive()  # tried again later by itself
    # The console closes; the next session on this profile sends it, with the same key.
    reports.close()
    client.fail_with = None
    later = reporter(store, client, spawned)
    assert later._retry.isActive()
    later.flush()
    spawned.run()
    assert [(k, r.conversation_id) for k, r in client.sent] == [(key, 5)]
    assert later.unsent() == []


def test_a_report_the_server_can_never_take_is_dropped(store, client, spawned, caplog) -> None:
    client.fail_with = ApiError(404, "not_found", "Ticket not found.")
    reports = reporter(store, client, spawned)
    reports.report("reply", 999, ASKING)
    spawned.run()
    assert reports.unsent() == [] and "refused, dropped" in caplog.text


def test_blocks_during_a_send_follow_it(store, client, spawned) -> None:
    reports = reporter(store, client, spawned)
    reports.report("reply", 1, ASKING)
    reports.report("reply", 2, ASKING)  # the first send has not run yet: one sender
    assert len(spawned.coros) == 1
    spawned.run()
    assert [r.ticket_id for _, r in client.sent] == [1, 2]


def test_the_composers_say_what_they_kept_back(qtbot, store) -> None:
    box = ReplyBox(store)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.set_can_send(True)
    box.set_ticket(7)
    blocked: list[tuple[int, str]] = []
    box.guard_blocked.connect(lambda tid, text: blocked.append((tid, text)))
    box.editor.setFocus()
    typed = QInputMethodEvent("", [])
    typed.setCommitString(ASKING)  # how an input method types Chinese
    box.editor.inputMethodEvent(typed)
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(box.note_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)  # a note: not checked
    assert blocked == [(7, ASKING)]

    composer = ChatComposer(store)
    qtbot.addWidget(composer)
    composer.set_conversation(3)
    composer.set_can_send(True)
    chat_blocked: list[tuple[int, str]] = []
    composer.guard_blocked.connect(lambda cid, text: chat_blocked.append((cid, text)))
    composer.editor.setPlainText("Send me your private key please")
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    assert chat_blocked == [(3, "Send me your private key please")]
