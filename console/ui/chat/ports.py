"""What the chat views need from the layers below, as small protocols.

`ChatSource` is the store's chats (`store.chats`); `ChatIntents` is what the session does for the
views: queue messages through the outbox, run the online chat actions (accept, decline, end,
transfer, convert) and report back on the GUI thread, and pass on typing, read and status
changes. Views never talk HTTP or SQL themselves.

Conversations are `ConversationOut`; messages are `ChatMessageOut` or the store's pending local
copy of one (the same fields, plus `state`/`error`/`local_files`/`outbox_id` where it has them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QImage

    from console.api.schemas import AgentOut

__all__ = ["STATUSES", "ChatIntents", "ChatSource", "Done"]

# A finished online action: None when it worked, else a sentence for the agent.
Done = Callable[[str | None], None]
STATUSES = ("online", "away", "offline")


class ChatSource(Protocol):
    def conversation(self, conversation_id: int) -> Any | None: ...

    def my_conversations(self, agent_id: int) -> Sequence[Any]: ...

    def messages(self, conversation_id: int) -> Sequence[Any]: ...

    def unread_count(self, conversation_id: int, agent_id: int) -> int: ...


class ChatIntents(Protocol):
    @property
    def typing_changed(self) -> SignalInstance:
        """Emitted (GUI thread) with a conversation id when someone's typing state changed."""
        ...

    @property
    def status_changed(self) -> SignalInstance:
        """Emitted (GUI thread) with my chat status ("online" / "away" / "offline")."""
        ...

    def status(self) -> str: ...

    def set_status(self, status: str) -> None: ...

    def customer_typing(self, conversation_id: int) -> bool: ...

    def send_message(self, conversation_id: int, body: str, files: Sequence[Path] = ()) -> None:
        """Queue a message (shown at once, sent when online); raises ValueError when refused."""
        ...

    def set_typing(self, conversation_id: int, typing: bool) -> None:
        """Best effort: tell the customer whether I am typing."""
        ...

    def mark_read(self, conversation_id: int, up_to_seq: int) -> None: ...

    def accept(self, conversation_id: int, done: Done) -> None: ...

    def decline(self, conversation_id: int, done: Done) -> None: ...

    def end(self, conversation_id: int, done: Done) -> None: ...

    def transfer(
        self,
        conversation_id: int,
        to_agent_id: int | None,
        to_skill: str | None,
        note: str,
        done: Done,
    ) -> None: ...

    def convert(self, conversation_id: int, done: Callable[[int | None, str | None], None]) -> None:
        """Make a ticket of the chat: done(ticket id, None), or done(None, reason)."""
        ...

    def agents(self) -> list[AgentOut]:
        """Colleagues to transfer to (may be empty offline)."""
        ...

    def load_preview(
        self, attachment_id: int, max_side: int, done: Callable[[QImage | None], None]
    ) -> None: ...

    def save_attachment(self, attachment_id: int, dest: Path, done: Done) -> None:
        """Download a chat file to where the agent chose (it is never opened)."""
        ...
