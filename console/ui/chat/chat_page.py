"""The chats page: my status (online / away / offline) at the top, my chats and offers on the
left, the open chat on the right (header, transcript, composer). It reads the store's chats and
sends intents to the session (chat_actions.py); what the buttons do is chat_page_actions.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.ui.chat.chat_composer import ChatComposer
from console.ui.chat.chat_header import ChatHeader
from console.ui.chat.chat_list import ChatItem, ChatList
from console.ui.chat.chat_page_actions import ChatPageActions
from console.ui.chat.chat_text import last_preview, waiting_since
from console.ui.chat.chat_transcript import ChatTranscript
from console.ui.chat.ports import STATUSES
from console.ui.chat.typing_throttle import TypingThrottle
from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import AgentOut, MacroOut
    from console.ui.change_bridge import ChangeBatch, ChangeBridge
    from console.ui.chat.ports import ChatIntents, ChatSource
    from console.ui.kb.ports import KbSource

__all__ = ["TICK_MS", "ChatPage"]

TICK_MS = 1000


class ChatStoreLike(Protocol):
    """The parts of the Store the page reads besides its chats."""

    @property
    def kb(self) -> KbSource: ...

    def macros(self) -> list[MacroOut]: ...

    def draft(self, key: str) -> str | None: ...

    def save_draft(self, key: str, text: str) -> None: ...

    def delete_draft(self, key: str) -> None: ...


def status_label(status: str) -> str:
    return {"online": tr("Online"), "away": tr("Away"), "offline": tr("Offline")}.get(
        status, status
    )


class ChatPage(QWidget):
    notice = Signal(str)
    open_ticket = Signal(int)

    def __init__(
        self,
        chats: ChatSource,
        store: ChatStoreLike,
        bridge: ChangeBridge | None,
        intents: ChatIntents,
        me: AgentOut,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatPage")
        self.chats = chats
        self.store = store
        self.intents = intents
        self.me = me
        self._current: int | None = None

        self.title = PlainLabel(objectName="viewTitle", selectable=False)
        self.status_caption = QLabel(objectName="fieldCaption")
        self.status_box = QComboBox(objectName="chatStatusBox")
        for status in STATUSES:
            self.status_box.addItem("", status)
        self.summary = QLabel(objectName="mutedLabel")
        self.list = ChatList()
        self.header = ChatHeader()
        self.transcript = ChatTranscript()
        self.transcript.set_preview_loader(intents.load_preview)
        self.composer = ChatComposer(store)
        self.empty = QLabel(objectName="emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        pane = QWidget(objectName="chatPane")
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.setSpacing(0)
        pane_layout.addWidget(self.header)
        pane_layout.addWidget(self.transcript, 1)
        pane_layout.addWidget(self.composer)
        self.right = QStackedWidget(objectName="chatRight")
        self.right.addWidget(self.empty)
        self.right.addWidget(pane)
        split = QSplitter(Qt.Orientation.Horizontal, objectName="chatSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(self.list)
        split.addWidget(self.right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([340, 1000])
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 0, 12, 0)
        bar.setSpacing(8)
        bar.addWidget(self.title)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.status_caption)
        bar.addWidget(self.status_box)
        top = QWidget(objectName="chatTopBar")
        top.setLayout(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(top)
        layout.addWidget(split, 1)

        self.throttle = TypingThrottle(intents.set_typing, self)
        self.actions = ChatPageActions(self)
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self.list.chat_chosen.connect(self.open_chat)
        self.list.accept_requested.connect(self.actions.accept)
        self.list.decline_requested.connect(self.actions.decline)
        self.header.accept_clicked.connect(lambda: self.actions.accept(self._current))
        self.header.decline_clicked.connect(lambda: self.actions.decline(self._current))
        self.header.transfer_clicked.connect(self.actions.transfer)
        self.header.convert_clicked.connect(self.actions.convert)
        self.header.end_clicked.connect(self.actions.end)
        self.header.ticket_clicked.connect(self.open_ticket)
        self.composer.send_requested.connect(self.actions.send)
        self.composer.typed.connect(self._on_typed)
        self.composer.macro_chosen.connect(self.actions.insert_macro)
        self.composer.article_requested.connect(self.actions.pick_article)
        self.transcript.save_requested.connect(self.actions.save_attachment)
        self.status_box.activated.connect(self._status_chosen)
        intents.typing_changed.connect(self._on_typing_changed)
        intents.status_changed.connect(self._show_status)
        if bridge is not None:
            bridge.changed.connect(self._on_changes)
        self._show_status(intents.status())
        self.retranslate()
        self.refresh()

    # --- public ------------------------------------------------------------------------------

    def current(self) -> int | None:
        return self._current

    def conversation(self) -> Any | None:
        return self.chats.conversation(self._current) if self._current is not None else None

    def open_chat(self, conversation_id: int | None) -> None:
        if conversation_id != self._current:
            self.throttle.stop()
            self.transcript.clear_previews()
        self._current = conversation_id
        self.list.select(conversation_id)
        self.composer.set_conversation(conversation_id)
        self._show_current()
        if conversation_id is not None:
            self.composer.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        items = []
        for conversation in self.chats.my_conversations(self.me.id):
            messages = self.chats.messages(conversation.id)
            items.append(
                ChatItem(
                    conversation,
                    self.chats.unread_count(conversation.id, self.me.id),
                    last_preview(messages),
                    waiting_since(conversation, messages),
                )
            )
        self.list.set_chats(items)
        offers = sum(1 for i in items if i.conversation.state == "offered")
        active = len(items) - offers
        self.summary.setText(tr("{active} active · {offers} offered", active=active, offers=offers))
        if self._current is None and items:
            self.open_chat(int(items[0].conversation.id))
        else:
            self._show_current()

    def set_can_send(self, can_send: bool) -> None:
        self.composer.set_can_send(can_send)

    def save_draft_now(self) -> None:
        self.composer.save_draft_now()

    def leave(self) -> None:
        """The agent goes elsewhere: stop "typing" and keep the draft."""
        self.throttle.stop()
        self.composer.save_draft_now()

    def retranslate(self) -> None:
        self.title.setText(tr("Chats"))
        self.status_caption.setText(tr("My status"))
        for index in range(self.status_box.count()):
            self.status_box.setItemText(index, status_label(self.status_box.itemData(index)))
        self.empty.setText(tr("Choose a chat on the left, or accept an offered one."))
        self.list.retranslate()
        self.header.retranslate()
        self.transcript.retranslate()
        self.composer.retranslate()

    # --- reactions ---------------------------------------------------------------------------

    def _show_current(self) -> None:
        conversation = self.conversation()
        if conversation is None:
            self.right.setCurrentIndex(0)
            return
        self.right.setCurrentIndex(1)
        self.header.set_conversation(conversation, self.me.id)
        messages = self.chats.messages(conversation.id)
        self.transcript.set_messages(messages, conversation.customer_read_seq)
        self.transcript.set_customer_typing(self.intents.customer_typing(conversation.id))
        writable = conversation.state == "active" and conversation.assigned_agent_id == self.me.id
        self.composer.setEnabled(writable)
        self.composer.setVisible(writable)  # an offer is accepted first; an ended chat is over
        self.composer.set_macros([(m.id, m.name) for m in self.store.macros()])
        self._mark_read(conversation, messages)

    def _mark_read(self, conversation: Any, messages: Any) -> None:
        if conversation.state != "active" or not self.isVisible():
            return
        window = self.window()
        if window is not None and not window.isActiveWindow() and QApplication.activeWindow():
            return  # another window of ours has focus: the agent is not reading this
        seqs = [m.seq for m in messages if getattr(m, "seq", None)]
        newest = max(seqs, default=0)
        if newest > conversation.agent_read_seq and self.chats.unread_count(
            conversation.id, self.me.id
        ):
            self.intents.mark_read(conversation.id, newest)

    def _on_changes(self, batch: ChangeBatch) -> None:
        if batch.touches("chats") or batch.touches("chat_messages"):
            self.refresh()

    def _on_typing_changed(self, conversation_id: int) -> None:
        if conversation_id == self._current:
            self.transcript.set_customer_typing(self.intents.customer_typing(conversation_id))

    def _on_typed(self) -> None:
        if self._current is not None and self.composer.text().strip():
            self.throttle.key(self._current)
        elif not self.composer.text().strip():
            self.throttle.stop()

    def _status_chosen(self, index: int) -> None:
        status = str(self.status_box.itemData(index))
        self.intents.set_status(status)

    def _show_status(self, status: str) -> None:
        index = self.status_box.findData(status)
        if index >= 0:
            self.status_box.setCurrentIndex(index)
        self.status_box.setProperty("status", status)
        self.status_box.style().unpolish(self.status_box)
        self.status_box.style().polish(self.status_box)

    def _tick(self) -> None:
        if not self.isVisible():
            return
        self.list.tick()
        self.header.tick()
        if self._current is not None:  # the customer's typing expires unless renewed
            self.transcript.set_customer_typing(self.intents.customer_typing(self._current))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()
