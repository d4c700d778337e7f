"""What the training end-to-end tests share: a server with its training workspace, a trainee
joining from their live console, and a trainee's work on a mock ticket through the real widgets
of the training window (reply, Identity tab, freeze, solve)."""

from __future__ import annotations

from typing import Any

from e2e_inbox import click, open_ticket, show_side_tab, type_mixed
from e2e_support import wait_until
from PySide6.QtCore import Qt

from console.api.schemas_training import TRAINING_ID_FLOOR
from console.core.identity import Check

__all__ = [
    "FREEZE_REASON",
    "freeze_after_verifying",
    "join_training",
    "send_reply",
    "training_ticket_shown",
]

FREEZE_REASON = "The customer reports a withdrawal they did not make after a new-device login"


async def join_training(qtbot, live_session, click_join: Any) -> Any:  # type: ignore[no-untyped-def]
    """The live console learns of the session, the trainee joins (`click_join()` presses the
    Join button), and the training window comes up online; returns its session."""
    mode = live_session.mock_mode
    await wait_until(
        lambda: live_session.training.invitation is not None, 30, "invitation reached the console"
    )
    said: list[str] = []  # the live window's notices ("Training could not start: …")
    live_session.window.statusBar().messageChanged.connect(lambda m: m and said.append(m))
    click_join()
    try:
        await wait_until(lambda: mode.session is not None, 30, "training window opened")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; the live window said {said}") from None
    session = mode.session
    window = session.window
    await wait_until(lambda: window.connection.state() == "online", 30, "training window online")
    return session


async def training_ticket_shown(window, ticket_id: int) -> None:  # type: ignore[no-untyped-def]
    assert ticket_id >= TRAINING_ID_FLOOR
    await wait_until(
        lambda: window.inbox.model.row_of(ticket_id) is not None, 30, "mock ticket in the inbox"
    )


async def send_reply(qtbot, window, text: str, *, status: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Type `text` into the open ticket's reply box and send it (and set `status`)."""
    box = window.ticket_view.reply_box
    box.editor.setFocus()
    type_mixed(qtbot, box.editor, text)
    await wait_until(lambda: box.send_button.isEnabled(), what="send enabled")
    if status is None:
        click(qtbot, box.send_button)
    else:
        box.send_actions[status].trigger()
    composer = window.ticket_view.composer

    def sent() -> bool:
        # The customer writes while the trainee types: the console asks first, and the trainee,
        # having read the new messages, sends anyway.
        dialog = composer.stale_dialog
        if dialog is not None and dialog.isVisible():
            click(qtbot, dialog.send_button)
        return box.text() == ""

    try:
        await wait_until(sent, what="reply left the composer")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; the composer says: {box.file_error.text()!r}") from None


async def freeze_after_verifying(qtbot, window, ticket_id: int) -> None:  # type: ignore[no-untyped-def]
    """On the Identity tab: record a verification (two checks), then the emergency freeze."""
    await open_ticket(qtbot, window, ticket_id)
    view = window.ticket_view
    panel = view.security
    show_side_tab(qtbot, view, panel)
    await wait_until(panel.isVisible, what="Identity tab shown")
    for check in (Check.REGISTERED_CONTACT, Check.RECENT_TRANSACTION):
        box = panel.checklist.boxes[check]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.keyClicks(panel.checklist.note, "Matched the registered phone and the last deposit")
    click(qtbot, panel.record_button)
    await wait_until(lambda: panel.form_status.text() == "Verification recorded.", what="verified")
    click(qtbot, panel.freeze_button)
    await wait_until(
        lambda: panel.action_dialog is not None and panel.action_dialog.isVisible(),
        what="freeze confirmation shown",
    )
    dialog = panel.action_dialog
    if not dialog.reason_text():
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, FREEZE_REASON)
    click(qtbot, dialog.ok_button)
    await wait_until(lambda: panel.result.text().startswith("Account frozen."), what="frozen")
