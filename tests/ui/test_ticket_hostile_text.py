"""Customer-supplied text — subject, body, customer name, file names, past ticket subjects — is
shown exactly as typed in the ticket workspace: never as HTML, never as a clickable link."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTextEdit
from ticket_commands import build_view
from ui_factories import BASE_TIME, ME, customer, message, ticket

from console.api.schemas import AttachmentOut, PastTicketOut
from console.core.domain import MessageKind

HOSTILE = [
    "<b>x</b>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "file:///etc/passwd",
    '<a href="javascript:alert(1)">click</a>',
]
FILE_NAME = "<script>.png"


@pytest.fixture
def view(qtbot, store):
    subject = " ".join(HOSTILE)
    uid = ticket(1).customer_uid
    store.upsert_tickets([ticket(1, subject=subject, customer_name=HOSTILE[1])])
    files = [
        AttachmentOut(id=1, filename=FILE_NAME, content_type="image/png", size=10, sha256="0"),
        AttachmentOut(id=2, filename=HOSTILE[3], content_type="text/plain", size=10, sha256="0"),
    ]
    store.upsert_messages(
        [
            message(1, 1, MessageKind.CUSTOMER, "\n".join(HOSTILE), attachments=files),
            message(2, 1, MessageKind.CUSTOMER, HOSTILE[0], author_name=HOSTILE[4]),
        ]
    )
    detail = customer(uid)
    detail.display_name = HOSTILE[4]
    detail.security_events[0].detail = HOSTILE[1]
    detail.past_tickets = [
        PastTicketOut(
            id=9, subject=HOSTILE[4], status="closed", channel="email", created_at=BASE_TIME
        )
    ]
    store.upsert_customer(detail)
    built, _ = build_view(qtbot, store, ME)
    built.show_ticket(1)
    return built


def _texts(view) -> list[str]:
    return [label.text() for label in view.findChildren(QLabel)]


def test_markup_is_displayed_literally_everywhere(view):
    texts = _texts(view)
    assert view.header.subject.text() == " ".join(HOSTILE)
    for needle in (HOSTILE[4], FILE_NAME, HOSTILE[3], HOSTILE[1], "#9 · " + HOSTILE[4]):
        assert needle in texts, needle
    bodies = [b.body.toPlainText() for b in view.conversation.bubbles]
    assert bodies == ["\n".join(HOSTILE), HOSTILE[0]]
    assert view.conversation.bubbles[1].author.text() == HOSTILE[4]


def test_no_widget_interprets_text_or_creates_links(view):
    for label in view.findChildren(QLabel):
        text = label.text()
        customer_text = any(h in text for h in (*HOSTILE, FILE_NAME))
        if customer_text:  # plain text: no anchors, so nothing to click or open
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), text)
        assert not label.openExternalLinks()
    for edit in view.findChildren(QTextEdit):
        document = edit.document()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                assert not fmt.isAnchor() and not fmt.isImageFormat()
                assert not fmt.font().bold()
                it += 1
            block = block.next()
    # Buttons never carry customer text (a '&' would turn into a shortcut there).
    for button in view.findChildren(QAbstractButton):
        assert "<" not in button.text(), button.text()
