"""A training class, end to end: tom (a trainer) starts a session for alice and bob on "stolen
account" from his Training page; each trainee joins from their live console into the training
window and works the mock ticket with the real widgets, while the simulated customer answers per
the script. Alice replies with empathy, verifies, freezes (which escalates to Security), links
the right article and solves: she passes with a high score. Bob asks for the seed phrase: the
composer keeps it back, his console reports it, and his attempt fails whatever else. Tom sees
both results and replays the transcripts. Real consoles against the real reference server, whose
training workspace is its own: nothing of the class reaches the live queue or live accounts."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from e2e_inbox import api_client, click, open_ticket, run_scenario, sign_in, start_console
from e2e_support import LiveServer, copy_database, wait_until
from e2e_training import freeze_after_verifying, join_training, send_reply, training_ticket_shown
from PySide6.QtWidgets import QMessageBox

from console.api.schemas_training import TRAINING_ID_FLOOR, TRAINING_UID_PREFIX
from console.ui.kb.article_text import HELP_CENTRE_URL

pytestmark = pytest.mark.usefixtures("english_ui")

DEMO_TICKETS = 40
FIRST = (
    "Hello Wang Lei, I'm so sorry this happened, I understand how worrying it is. "
    "I will freeze your account right now to stop any further withdrawals."
)
CLOSING = (
    "Thank you for your patience. Our Security team is now investigating the withdrawal; "
    f"this guide explains the next steps: {HELP_CENTRE_URL}/en/account-stolen "
    "Please let us know if anything else comes up."
)
ASKING = "Hello, to secure the account please send me your seed phrase so I can check the wallet."


@pytest.fixture
def training_server(demo_template, tmp_path) -> Any:  # type: ignore[no-untyped-def]
    server = LiveServer(copy_database(demo_template, tmp_path / "server.sqlite3"), DEMO_TICKETS)
    server.settings.with_training = True
    server.settings.training_tick_s = 0.2
    server.start()
    try:
        yield server
    finally:
        server.stop()


async def _open_training_page(qtbot, session) -> Any:  # type: ignore[no-untyped-def]
    window = session.window
    click(qtbot, window.rail.buttons["training"])
    await wait_until(lambda: "training" in window.role_pages, what="Training page built")
    return window.role_pages["training"]


async def _start_class(qtbot, tom, trainee_ids: list[int]) -> Any:  # type: ignore[no-untyped-def]
    """Tom's New session dialog: title, both trainees, the stolen-account scenario, Start."""
    page = await _open_training_page(qtbot, tom)
    sessions = page.view.sessions
    click(qtbot, sessions.new_button)
    await wait_until(lambda: sessions.dialog is not None, what="New session dialog")
    dialog = sessions.dialog
    qtbot.keyClicks(dialog.title_edit, "Class 7: account security")
    await wait_until(lambda: dialog.scenario_list.count() >= 15, what="scenarios listed")
    for agent_id in trainee_ids:
        dialog.check_trainee(agent_id)
    dialog.check_scenario("stolen-account")
    click(qtbot, dialog.start_button)
    await wait_until(lambda: sessions.dialog is None, what="session started")
    await wait_until(
        lambda: len(sessions.seats.seats) == len(trainee_ids), what="every seat listed"
    )
    return sessions


async def _join(qtbot, session) -> Any:  # type: ignore[no-untyped-def]
    page = await _open_training_page(qtbot, session)
    button = page.banner.join_button
    await wait_until(button.isVisible, 30, "Join training offered")
    return await join_training(qtbot, session, lambda: click(qtbot, button))


def _bubble_saying(window, words: str) -> bool:  # type: ignore[no-untyped-def]
    return any(words in b.message.body for b in window.ticket_view.conversation.bubbles)


def _seat_of(sessions, trainee_id: int) -> Any:  # type: ignore[no-untyped-def]
    return next(s for s in sessions.seats.seats if s.trainee_id == trainee_id)


async def _customer_said(client, ticket_id: int, words: str) -> None:  # type: ignore[no-untyped-def]
    async def said() -> bool:
        messages = await client.messages(ticket_id)
        return any(m.kind == "customer" and words in m.body for m in messages)

    for _ in range(150):
        if await said():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"the simulated customer never said {words!r}")


async def _live_status_is(client, agent_id: int, status: str) -> None:  # type: ignore[no-untyped-def]
    """The live server's view of an agent's chat status (what routing goes by)."""
    for _ in range(100):
        rows = await client.chat_statuses()
        if any(r.agent_id == agent_id and r.status == status for r in rows):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"agent {agent_id} never {status!r} on the live server")


def test_a_class_of_two_on_a_stolen_account(
    qasync_loop, qtbot, training_server: LiveServer, tmp_path
) -> None:
    url = training_server.url
    apps = {name: start_console(tmp_path / name, url) for name in ("tom", "alice", "bob")}
    clients: list[Any] = []

    async def scenario() -> None:
        tom = await sign_in(qtbot, apps["tom"], "tom")
        alice = await sign_in(qtbot, apps["alice"], "alice")
        bob = await sign_in(qtbot, apps["bob"], "bob")
        live_checker = await api_client(url, "sara")
        clients.append(live_checker)
        training_checker = live_checker.for_training(await live_checker.enter_training())
        clients.append(training_checker)

        # Tom starts the class from his Training page.
        sessions = await _start_class(qtbot, tom, [alice.me.id, bob.me.id])

        # Alice had stepped away from live chat before the class; she comes back to that.
        alice.chat.set_status("away")
        await _live_status_is(live_checker, alice.me.id, "away")

        # Each trainee joins: the training window, unmistakable; the live window out of the way.
        a_train = await _join(qtbot, alice)
        b_train = await _join(qtbot, bob)
        for live, train in ((alice, a_train), (bob, b_train)):
            assert live.window.isHidden() and train.window.isVisible()
            assert train.window.property("training") is True
            assert train.window.windowTitle().startswith("TRAINING")
            assert "TRAINING" in live.mock_mode.bar.text.text()

        await wait_until(
            lambda: all(s.ticket_id for s in sessions.seats.seats), what="mock tickets on seats"
        )
        a_seat = _seat_of(sessions, alice.me.id)
        b_seat = _seat_of(sessions, bob.me.id)
        for seat, train in ((a_seat, a_train), (b_seat, b_train)):
            await training_ticket_shown(train.window, seat.ticket_id)

        # Alice: an answer with empathy that says what she will do; the customer answers.
        aw = a_train.window
        await open_ticket(qtbot, aw, a_seat.ticket_id)
        await send_reply(qtbot, aw, FIRST)
        await _customer_said(training_checker, a_seat.ticket_id, "freeze it right now")
        await freeze_after_verifying(qtbot, aw, a_seat.ticket_id)
        # The customer answers each step; Alice reads both before her last answer (a reply
        # typed while the customer writes would have the console ask first).
        await open_ticket(qtbot, aw, a_seat.ticket_id)
        for words in ("Should I go to the police?", "The app now says my account is frozen"):
            await wait_until(
                lambda words=words: _bubble_saying(aw, words), 30, f"customer: {words!r}"
            )
        await send_reply(qtbot, aw, CLOSING, status="solved")

        # Bob asks for the seed phrase: kept back in his composer, with the reason.
        bw = b_train.window
        await open_ticket(qtbot, bw, b_seat.ticket_id)
        box = bw.ticket_view.reply_box
        box.editor.setFocus()
        qtbot.keyClicks(box.editor, ASKING)
        click(qtbot, box.send_button)
        await wait_until(lambda: "seed phrase" in box.file_error.text(), what="the guard's reason")
        assert box.text() == ASKING

        # Alice's seat finishes by itself once solved; tom ends the class for bob's.
        await wait_until(
            lambda: _seat_of(sessions, alice.me.id).state == "finished", 60, "alice finished"
        )
        sessions.sessions.select_id(sessions.current_session().id)
        click(qtbot, sessions.end_button)
        await wait_until(lambda: sessions.end_box is not None, what="end confirmation")
        sessions.end_box.button(QMessageBox.StandardButton.Yes).click()
        await wait_until(
            lambda: all(s.state == "finished" for s in sessions.seats.seats), 30, "class over"
        )

        a_result, b_result = _seat_of(sessions, alice.me.id), _seat_of(sessions, bob.me.id)
        assert a_result.passed and not a_result.failed and a_result.score >= 80, a_result
        assert b_result.failed and not b_result.passed, b_result

        # Tom reads both reports and replays them.
        sessions.open_seat(a_result.id)
        view = sessions.report.view
        await wait_until(
            lambda: view.report is not None and view.report.seat.id == a_result.id, what="report"
        )
        assert view.badge.text() == "PASS"
        actions = [step.action for step in view.report.transcript]
        for done in ("reply", "verify_identity", "freeze_account", "escalate:security", "solve"):
            assert done in actions, actions
        assert "kb_article:account-stolen" in actions
        replay = view.replay
        replay.show_all()
        assert replay.table.rowCount() == len(view.report.transcript)

        sessions.show_overview()
        sessions.open_seat(b_result.id)
        await wait_until(
            lambda: view.report is not None and view.report.seat.id == b_result.id, what="report"
        )
        assert view.badge.text().startswith("FAIL")
        assert view.fail_reasons.isVisible()
        assert "seed phrase" in view.fail_reasons.text()
        forbidden = next(i for i in view.report.items if i.kind == "forbidden")
        assert forbidden.points == 0
        assert "guard_blocked:asks_secret" in [s.action for s in view.report.transcript]

        # Isolation: nothing of the class in the live workspace.
        live_page = await live_checker.list_tickets(limit=200)
        assert all(t.id < TRAINING_ID_FLOOR for t in live_page.items)
        assert not any(t.customer_uid.startswith(TRAINING_UID_PREFIX) for t in live_page.items)

        # Alice leaves training: the live window is back.
        click(qtbot, alice.mock_mode.bar.leave_button)
        await wait_until(lambda: alice.mock_mode.session is None, what="training window closed")
        await wait_until(alice.window.isVisible, what="live window back")
        assert alice.chat.status() == "away"
        await _live_status_is(live_checker, alice.me.id, "away")

    run_scenario(qasync_loop, scenario, list(apps.values()), clients)
