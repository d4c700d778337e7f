"""Conversation rendering: kinds look different, customer text stays literal, own messages show
whether they reached the server, and failed ones offer Retry and Discard."""

from __future__ import annotations

import pytest
from ui_factories import ME, message, ticket

from console.core.domain import MessageKind
from console.ui.ticket.conversation_view import ConversationView
from console.ui.widgets.plain_text import plain_tooltip

HOSTILE = "<b>bold</b> <script>alert(1)</script> &amp; <img src=x onerror=alert(2)>"


@pytest.fixture
def conversation(qtbot):
    view = ConversationView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    return view


@pytest.fixture
def ticket_store(store):
    store.upsert_tickets([ticket(1)])
    return store


def _queue(store, body: str, client_id: str) -> int:
    return store.queue_message(
        1, MessageKind.REPLY, body, client_id, ME.display_name, f"k-{client_id}"
    )


def _fragments(document):
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


def test_customer_text_is_shown_literally(conversation, ticket_store):
    ticket_store.upsert_messages([message(1, 1, MessageKind.CUSTOMER, HOSTILE)])
    conversation.set_messages(ticket_store.messages(1), ME.display_name)
    [bubble] = conversation.bubbles
    assert bubble.body.toPlainText() == HOSTILE
    assert "&lt;script&gt;" in bubble.body.toHtml()
    fragments = list(_fragments(bubble.body.document()))
    assert "".join(f.text() for f in fragments) == HOSTILE
    assert not any(f.charFormat().font().bold() for f in fragments)
    assert not any(f.charFormat().isImageFormat() for f in fragments)
    assert "&lt;script&gt;" in plain_tooltip(HOSTILE) and "<script>" not in plain_tooltip(HOSTILE)


def test_long_unbroken_text_wraps_inside_the_conversation(conversation, ticket_store, qtbot):
    tx_hash = "0x" + "7d3f9a" * 20
    ticket_store.upsert_messages([message(1, 1, MessageKind.CUSTOMER, f"hash {tx_hash} please")])
    conversation.set_messages(ticket_store.messages(1), ME.display_name)
    bubble = conversation.bubbles[0]
    qtbot.waitUntil(lambda: bubble.body.height() > bubble.body.fontMetrics().height() * 2)
    assert bubble.width() <= conversation.viewport().width()
    assert bubble.body.toPlainText() == f"hash {tx_hash} please"


def test_kinds_are_visibly_different(conversation, ticket_store):
    ticket_store.upsert_messages(
        [
            message(1, 1, MessageKind.CUSTOMER, "my deposit is missing"),
            message(2, 1, MessageKind.REPLY, "we are checking"),
            message(3, 1, MessageKind.NOTE, "looks like a wrong network"),
        ]
    )
    conversation.set_messages(ticket_store.messages(1), ME.display_name)
    names = [b.objectName() for b in conversation.bubbles]
    assert names == ["customerMessage", "replyMessage", "noteMessage"]
    kinds = [b.kind_tag.text() for b in conversation.bubbles]
    assert kinds == ["Customer", "Reply", "Internal note"]
    colours = {
        b.grab().toImage().pixelColor(4, b.height() // 2).name() for b in conversation.bubbles
    }
    assert len(colours) == 3


def test_own_message_states(qtbot, conversation, ticket_store):
    _queue(ticket_store, "queued text", "c-queued")
    sending = _queue(ticket_store, "sending text", "c-sending")
    failed = _queue(ticket_store, "failed text", "c-failed")
    done = _queue(ticket_store, "sent text", "c-sent")
    ticket_store.mark_sending(sending)
    ticket_store.mark_sending(failed)
    ticket_store.mark_failed(failed, "The message is longer than the server accepts.")
    ticket_store.mark_sending(done)
    ticket_store.mark_done(
        done, message=message(50, 1, MessageKind.REPLY, "sent text", client_id="c-sent")
    )
    conversation.set_messages(ticket_store.messages(1), ME.display_name)

    by_body = {b.message.body: b for b in conversation.bubbles}
    assert by_body["queued text"].state_label.text() == "Queued — will be sent when online"
    assert by_body["sending text"].state_label.text() == "Sending…"
    assert by_body["sent text"].state_label.text() == "Sent"
    failed_bubble = by_body["failed text"]
    assert failed_bubble.state_label.text() == (
        "Not sent: The message is longer than the server accepts."
    )
    assert failed_bubble.property("state") == "failed"
    assert not failed_bubble.retry_button.isHidden()
    assert not failed_bubble.discard_button.isHidden()
    for body in ("queued text", "sending text", "sent text"):
        assert by_body[body].retry_button.isHidden()
    with qtbot.waitSignal(conversation.retry_requested) as blocker:
        failed_bubble.retry_button.click()
    assert blocker.args == [failed]


def test_customer_messages_show_no_delivery_state(conversation, ticket_store):
    ticket_store.upsert_messages([message(1, 1, MessageKind.CUSTOMER, "hello")])
    conversation.set_messages(ticket_store.messages(1), ME.display_name)
    assert conversation.bubbles[0].state_label.isHidden()


def test_unchanged_messages_do_not_rebuild(conversation, ticket_store):
    ticket_store.upsert_messages([message(1, 1, MessageKind.CUSTOMER, "hello")])
    conversation.set_messages(ticket_store.messages(1), ME.display_name)
    first = conversation.bubbles[0]
    conversation.set_messages(ticket_store.messages(1), ME.display_name)
    assert conversation.bubbles[0] is first
