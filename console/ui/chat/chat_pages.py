"""The chats page inside the shell, built the first time it is shown, and what the shell shows
of chats before that: the rail badge (offers to me + unread customer messages) and opening a
chat from a notification. Nothing here is imported before the first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.api.schemas import AgentOut
    from console.store import Store
    from console.ui.change_bridge import ChangeBatch, ChangeBridge
    from console.ui.chat.chat_page import ChatPage
    from console.ui.chat.ports import ChatIntents, ChatSource

__all__ = ["CHAT_PAGE", "ChatPages", "badge_count"]

CHAT_PAGE = "chats"


class _Shell(Protocol):
    def place_page(self, key: str, page: QWidget) -> None: ...

    def show_page(self, key: str) -> None: ...

    def show_notice(self, text: str, timeout_ms: int = 8000) -> None: ...

    def open_ticket(self, ticket_id: int) -> None: ...

    def set_badge(self, key: str, count: int) -> None: ...


def badge_count(chats: ChatSource, me_id: int) -> int:
    """Offers waiting for me plus customer messages I have not read."""
    count = 0
    for conversation in chats.my_conversations(me_id):
        if conversation.state == "offered":
            count += 1
        else:
            count += chats.unread_count(conversation.id, me_id)
    return count


class ChatPages(QObject):
    guard_blocked = Signal(int, str)  # the composer's, once the page exists

    def __init__(
        self,
        shell: _Shell,
        store: Store,
        bridge: ChangeBridge,
        intents: ChatIntents,
        me: AgentOut,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._shell = shell
        self._store = store
        self._bridge = bridge
        self._intents = intents
        self._me = me
        self.page: ChatPage | None = None
        self._can_send = True
        bridge.changed.connect(self._on_changes)
        self.update_badge()

    @property
    def chats(self) -> ChatSource:
        return self._store.chats

    def ensure(self) -> ChatPage:
        if self.page is None:
            from console.ui.chat.chat_page import ChatPage

            page = self.page = ChatPage(
                self._store.chats, self._store, self._bridge, self._intents, self._me
            )
            page.notice.connect(self._shell.show_notice)
            page.open_ticket.connect(self._shell.open_ticket)
            page.composer.guard_blocked.connect(self.guard_blocked)
            page.set_can_send(self._can_send)
            self._shell.place_page(CHAT_PAGE, page)
        return self.page

    def open_chat(self, conversation_id: int) -> None:
        self._shell.show_page(CHAT_PAGE)
        self.ensure().open_chat(conversation_id)

    def update_badge(self) -> None:
        self._shell.set_badge(CHAT_PAGE, badge_count(self._store.chats, self._me.id))

    def _on_changes(self, batch: ChangeBatch) -> None:
        if batch.touches("chats") or batch.touches("chat_messages"):
            self.update_badge()

    def set_can_send(self, can_send: bool) -> None:
        self._can_send = can_send
        if self.page is not None:
            self.page.set_can_send(can_send)

    def leave(self) -> None:
        if self.page is not None:
            self.page.leave()

    def retranslate(self) -> None:
        if self.page is not None:
            self.page.retranslate()
