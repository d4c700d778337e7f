"""Live-chat test data: conversations and messages as the server sends them, and a ChatIntents
double that records what the views asked the session for (widget tests; the session's
delegation to the sync engine runs against the real server in the live tests)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.api.schemas import AgentOut
from console.api.schemas_chat import ChatAttachmentOut, ChatMessageOut, ConversationOut
from console.core.domain import Role

NOW = datetime.now(UTC)
BOB = AgentOut(id=8, username="bob", display_name="Bob Miller", role=Role.AGENT, languages=["en"])


def conversation(conversation_id: int, **overrides: Any) -> ConversationOut:
    values: dict[str, Any] = {
        "id": conversation_id,
        "customer_uid": f"U{conversation_id:06d}",
        "customer_name": f"Customer {conversation_id}",
        "vip_tier": 0,
        "language": "zh",
        "topic": "deposit_withdrawal",
        "state": "active",
        "priority": "normal",
        "assigned_agent_id": 7,
        "queued_at": NOW - timedelta(minutes=3),
        "accepted_at": NOW - timedelta(minutes=2),
        "last_seq": 0,
        "created_at": NOW - timedelta(minutes=5),
        "updated_at": NOW - timedelta(minutes=1),
        "version": 1,
    }
    values.update(overrides)
    return ConversationOut(**values)


def offer(conversation_id: int, seconds_ago: float = 5, **overrides: Any) -> ConversationOut:
    values: dict[str, Any] = {
        "state": "offered",
        "assigned_agent_id": None,
        "offered_agent_id": 7,
        "offered_at": datetime.now(UTC) - timedelta(seconds=seconds_ago),
        "accepted_at": None,
    }
    values.update(overrides)
    return conversation(conversation_id, **values)


def chat_message(
    conversation_id: int,
    seq: int,
    sender: str,
    body: str,
    *,
    minutes_ago: float = 1,
    **overrides: Any,
) -> ChatMessageOut:
    names = {"customer": f"Customer {conversation_id}", "bot": "Lumen Bot", "system": "System"}
    values: dict[str, Any] = {
        "id": conversation_id * 1000 + seq,
        "conversation_id": conversation_id,
        "seq": seq,
        "sender": sender,
        "agent_id": 7 if sender == "agent" else None,
        "author_name": names.get(sender, "Alice Wang"),
        "body": body,
        "client_id": f"c-{conversation_id}-{seq}" if sender in ("agent", "customer") else None,
        "attachments": [],
        "created_at": datetime.now(UTC) - timedelta(minutes=minutes_ago),
    }
    values.update(overrides)
    return ChatMessageOut(**values)


def image_attachment(attachment_id: int) -> ChatAttachmentOut:
    return ChatAttachmentOut(
        id=attachment_id, filename="screenshot.png", content_type="image/png", size=2048
    )


class RecordingChat(QObject):
    """ChatIntents: records intents; online actions wait for the test to answer them."""

    typing_changed = Signal(int)
    status_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.pending: list[tuple[str, tuple[Any, ...], Callable[..., None]]] = []
        self.refuse: Exception | None = None
        self.typing: set[int] = set()
        self.colleagues: list[AgentOut] = [BOB]
        self._status = "offline"
        self.sent: Callable[[int, str, tuple[Path, ...]], None] | None = None

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for call, args in self.calls if call == name]

    def answer(self, name: str, *result: Any) -> None:
        for index, (call, _args, done) in enumerate(self.pending):
            if call == name:
                del self.pending[index]
                done(*result)
                return
        raise AssertionError(f"no {name} is waiting")

    def _online(self, name: str, done: Callable[..., None], *args: Any) -> None:
        self.calls.append((name, args))
        self.pending.append((name, args, done))

    def status(self) -> str:
        return self._status

    def set_status(self, status: str) -> None:
        self.calls.append(("set_status", (status,)))
        self._status = status
        self.status_changed.emit(status)

    def customer_typing(self, conversation_id: int) -> bool:
        return conversation_id in self.typing

    def set_customer_typing(self, conversation_id: int, typing: bool) -> None:
        (self.typing.add if typing else self.typing.discard)(conversation_id)
        self.typing_changed.emit(conversation_id)

    def send_message(self, conversation_id: int, body: str, files: Any = ()) -> None:
        if self.refuse is not None:
            raise self.refuse
        self.calls.append(("send_message", (conversation_id, body, tuple(files))))
        if self.sent is not None:
            self.sent(conversation_id, body, tuple(files))

    def set_typing(self, conversation_id: int, typing: bool) -> None:
        self.calls.append(("set_typing", (conversation_id, typing)))

    def mark_read(self, conversation_id: int, up_to_seq: int) -> None:
        self.calls.append(("mark_read", (conversation_id, up_to_seq)))

    def accept(self, conversation_id: int, done: Callable[..., None]) -> None:
        self._online("accept", done, conversation_id)

    def decline(self, conversation_id: int, done: Callable[..., None]) -> None:
        self._online("decline", done, conversation_id)

    def end(self, conversation_id: int, done: Callable[..., None]) -> None:
        self._online("end", done, conversation_id)

    def transfer(
        self,
        conversation_id: int,
        to_agent_id: int | None,
        to_skill: str | None,
        note: str,
        done: Callable[..., None],
    ) -> None:
        self._online("transfer", done, conversation_id, to_agent_id, to_skill, note)

    def convert(self, conversation_id: int, done: Callable[..., None]) -> None:
        self._online("convert", done, conversation_id)

    def agents(self) -> list[AgentOut]:
        return list(self.colleagues)

    def load_preview(self, attachment_id: int, max_side: int, done: Callable[..., None]) -> None:
        self.calls.append(("load_preview", (attachment_id, max_side)))

    def save_attachment(self, attachment_id: int, dest: Path, done: Callable[..., None]) -> None:
        self._online("save_attachment", done, attachment_id, dest)
