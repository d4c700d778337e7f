"""The trainer's comments on one attempt: the list (oldest first), and for the trainer a box to
add one. Trainees see the same list without the box.

The widget asks (`send_requested`) and is told (`sent` / `failed`); whoever owns it talks to
the training workspace. The box (`compose`) is a widget of its own for the owner to place: the
report keeps it in view under the part that scrolls. A retry of the same text reuses its
idempotency key, so a comment whose answer was lost is not posted twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_training import CommentOut

__all__ = ["SeatComments"]

MAX_COMMENT = 5000  # the server's limit


class SeatComments(QWidget):
    send_requested = Signal(int, str, str)  # seat id, body, idempotency key

    def __init__(self, *, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingComments")
        self.read_only = read_only
        self.seat_id: int | None = None
        self.comments: list[CommentOut] = []
        self._key: tuple[str, str] | None = None
        self.title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.list = QListWidget(objectName="trainingCommentList")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(90)
        self.empty = PlainLabel(objectName="mutedLabel", selectable=False)
        self.box = QPlainTextEdit(objectName="trainingCommentBox")
        self.box.setTabChangesFocus(True)
        self.box.setFixedHeight(64)
        self.box.textChanged.connect(self._update_button)
        self.send_button = QPushButton(objectName="trainingSendComment")
        self.send_button.clicked.connect(self.send)
        self.error = PlainLabel(objectName="errorLabel", selectable=False)
        self.error.setWordWrap(True)
        self.error.hide()
        self.form = QWidget(objectName="trainingCommentForm")
        form = QHBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.box, 1)
        form.addWidget(self.send_button)
        self.compose = QWidget(objectName="trainingCommentCompose")
        compose = QVBoxLayout(self.compose)
        compose.setContentsMargins(0, 6, 8, 0)
        compose.addWidget(self.form)
        compose.addWidget(self.error)
        self.compose.setVisible(not read_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.retranslate()
        self._update_button()

    def retranslate(self) -> None:
        self.title.setText(tr("Trainer's comments"))
        self.empty.setText(tr("No comments yet."))
        self.box.setPlaceholderText(tr("A comment for the trainee on this attempt…"))
        self.send_button.setText(tr("Send comment"))
        self._fill()

    def show_comments(self, seat_id: int, comments: Sequence[CommentOut]) -> None:
        if seat_id != self.seat_id:
            self.box.setPlainText("")
            self.error.hide()
            self._key = None
            self.set_busy(False)
        self.seat_id = seat_id
        self.comments = sorted(comments, key=lambda c: (c.created_at, c.id))
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for comment in self.comments:
            head = f"{comment.author_name} · {short_datetime(comment.created_at)}"
            self.list.addItem(QListWidgetItem(f"{head}\n{comment.body}"))  # items are plain text
        self.empty.setVisible(not self.comments)
        self.list.setVisible(bool(self.comments))
        if self.comments:
            self.list.scrollToBottom()

    # --- sending -----------------------------------------------------------------------------

    def _update_button(self) -> None:
        text = self.box.toPlainText().strip()
        self.send_button.setEnabled(bool(text) and len(text) <= MAX_COMMENT)

    def send(self) -> None:
        body = self.box.toPlainText().strip()
        if self.read_only or self.seat_id is None or not body:
            return
        identity = f"{self.seat_id}:{body}"
        if self._key is None or self._key[0] != identity:
            self._key = (identity, uuid.uuid4().hex)
        self.error.hide()
        self.set_busy(True)
        self.send_requested.emit(self.seat_id, body, self._key[1])

    def set_busy(self, busy: bool) -> None:
        self.box.setReadOnly(busy)
        self.send_button.setEnabled(not busy and bool(self.box.toPlainText().strip()))

    def sent(self, comment: CommentOut) -> None:
        self._key = None
        self.box.setPlainText("")
        self.set_busy(False)
        if comment.seat_id == self.seat_id and all(c.id != comment.id for c in self.comments):
            self.comments.append(comment)
            self._fill()

    def failed(self, reason: str) -> None:
        self.set_busy(False)
        self.error.setText(tr("Comment not sent: {reason}", reason=reason))
        self.error.show()
