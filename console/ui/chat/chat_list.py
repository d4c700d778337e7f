"""My chats, newest activity first: offers at the top with Accept / Decline and the seconds
left, then active chats with their unread count and how long the customer has been waiting.
VIP and security chats are marked. Customer names and texts are plain text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.ui.chat.chat_text import (
    duration_text,
    language_text,
    offer_seconds_left,
    topic_text,
)
from console.ui.chat.vip_countdown import VipCountdown
from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

__all__ = ["ChatItem", "ChatList", "ChatRow"]


@dataclass(frozen=True, slots=True)
class ChatItem:
    conversation: Any  # ConversationOut
    unread: int
    preview: str
    waiting_since: datetime | None


class ElidedLabel(PlainLabel):
    """One line of customer text cut to the row's width with "…": a 66-character hash or a
    long name never makes the list wider than its pane. The whole text is in the tooltip."""

    def __init__(self, text: str = "", *, objectName: str = "") -> None:
        super().__init__("", objectName=objectName, selectable=False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(20)
        self.full_text = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(plain_tooltip(text))
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(20, self.width())
        self.setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, width)
        )


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ChatRow(QFrame):
    clicked = Signal(int)
    accept_clicked = Signal(int)
    decline_clicked = Signal(int)

    def __init__(self, item: ChatItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatRow")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.item = item
        conversation = item.conversation
        self.conversation_id = int(conversation.id)
        self.offered = conversation.state == "offered"
        self.setProperty("offered", self.offered)
        self.setProperty("priority", conversation.priority)
        self.name = ElidedLabel(conversation.customer_name, objectName="chatName")
        self.marks = QLabel(objectName="chatMarks")
        self.unread = QLabel(objectName="chatUnread")
        self.unread.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview = ElidedLabel(item.preview, objectName="chatPreview")
        self.detail = ElidedLabel(objectName="mutedLabel")
        self.timer_label = QLabel(objectName="chatWaiting")
        self.vip_countdown = VipCountdown()  # a VIP client's chat: time left on its target
        self.accept_button = QPushButton(objectName="primaryButton")
        self.decline_button = QPushButton()
        self.accept_button.clicked.connect(lambda: self.accept_clicked.emit(self.conversation_id))
        self.decline_button.clicked.connect(lambda: self.decline_clicked.emit(self.conversation_id))
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.name, 1)
        top.addWidget(self.marks)
        top.addWidget(self.unread)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self.detail, 1)
        bottom.addWidget(self.vip_countdown)
        bottom.addWidget(self.timer_label)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.accept_button, 1)
        actions.addWidget(self.decline_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 7, 10, 7)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.preview)
        layout.addLayout(bottom)
        layout.addLayout(actions)
        self.unread.setVisible(item.unread > 0 and not self.offered)
        self.preview.setVisible(bool(item.preview))
        self.accept_button.setVisible(self.offered)
        self.decline_button.setVisible(self.offered)
        self.retranslate()

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        _repolish(self)

    def set_busy(self, busy: bool) -> None:
        self.accept_button.setEnabled(not busy)
        self.decline_button.setEnabled(not busy)

    def tick(self, now: datetime) -> None:
        conversation = self.item.conversation
        self.vip_countdown.tick(now)
        if self.offered:
            left = offer_seconds_left(conversation, now)
            self.timer_label.setText(tr("{n} s left", n=left))
            self.timer_label.setProperty("urgent", left <= 10)
        elif self.item.waiting_since is not None:
            waited = (now - self.item.waiting_since).total_seconds()
            self.timer_label.setText(tr("waiting {time}", time=duration_text(waited)))
            self.timer_label.setProperty("urgent", waited >= 120)
        else:
            self.timer_label.setText(tr("answered"))
            self.timer_label.setProperty("urgent", False)
        _repolish(self.timer_label)

    def retranslate(self) -> None:
        conversation = self.item.conversation
        marks = []
        if conversation.priority == "security":
            marks.append(tr("⚠ Security"))
        if conversation.vip_tier:
            marks.append(tr("★ VIP {tier}", tier=conversation.vip_tier))
        self.marks.setText("  ".join(marks))
        self.marks.setVisible(bool(marks))
        self.unread.setText(str(self.item.unread) if self.item.unread < 100 else "99+")
        self.unread.setToolTip(tr("{n} unread messages", n=self.item.unread))
        self.detail.set_full_text(
            f"{topic_text(conversation.topic)} · {language_text(conversation.language)}"
        )
        self.accept_button.setText(tr("Accept"))
        self.decline_button.setText(tr("Decline"))
        waiting = self.item.waiting_since is not None
        self.vip_countdown.set_conversation(conversation, waiting=waiting)
        self.tick(datetime.now(UTC))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit(self.conversation_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.conversation_id)
            event.accept()
            return
        super().keyPressEvent(event)


class ChatList(QScrollArea):
    chat_chosen = Signal(int)
    accept_requested = Signal(int)
    decline_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatList")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setMinimumWidth(260)
        canvas = QWidget(objectName="chatListCanvas")
        self._layout = QVBoxLayout(canvas)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.setSpacing(6)
        self.empty_label = PlainLabel(objectName="emptyHint", selectable=False)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.empty_label)
        self._layout.addStretch(1)
        self.setWidget(canvas)
        self.rows: list[ChatRow] = []
        self._selected: int | None = None
        self._key: tuple[Any, ...] = ()
        self.retranslate()

    def set_chats(self, items: Sequence[ChatItem]) -> None:
        key = tuple(
            (
                i.conversation.id,
                i.conversation.version,
                i.conversation.state,
                i.unread,
                i.preview,
                i.waiting_since,
            )
            for i in items
        )
        if key == self._key:
            return
        self._key = key
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for index, item in enumerate(items):
            row = ChatRow(item)
            row.clicked.connect(self.chat_chosen)
            row.accept_clicked.connect(self.accept_requested)
            row.decline_clicked.connect(self.decline_requested)
            row.set_selected(row.conversation_id == self._selected)
            self._layout.insertWidget(index, row)
            self.rows.append(row)
        self.empty_label.setVisible(not self.rows)

    def row(self, conversation_id: int) -> ChatRow | None:
        return next((r for r in self.rows if r.conversation_id == conversation_id), None)

    def select(self, conversation_id: int | None) -> None:
        self._selected = conversation_id
        for row in self.rows:
            row.set_selected(row.conversation_id == conversation_id)

    def tick(self) -> None:
        now = datetime.now(UTC)
        for row in self.rows:
            row.tick(now)

    def retranslate(self) -> None:
        self.empty_label.setText(
            tr("No chats right now. Set yourself online to receive chats from the queue.")
        )
        for row in self.rows:
            row.retranslate()
