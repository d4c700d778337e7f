"""SupportClient methods of live chat, the agent's side: status (and heartbeat), conversations,
messages, offers, transfer, convert to ticket. A mixin over SupportClient's plumbing (see
client.py).

Mutations take an Idempotency-Key (a new one when none is given); messages are also idempotent
on their client_id, so a message re-sent after a lost answer is stored once.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

from pydantic import TypeAdapter

from console.api.client_base import RequestMixin
from console.api.client_inbox import too_large
from console.api.client_responses import parse, parse_list
from console.api.schemas import MAX_ATTACHMENT_BYTES, TicketOut
from console.api.schemas_chat import (
    AgentChatStatusOut,
    ChatAgentStatus,
    ChatAttachmentOut,
    ChatMessageCreate,
    ChatMessageOut,
    ChatReadUpdate,
    ChatScope,
    ChatStatusUpdate,
    ChatTransfer,
    ChatTypingUpdate,
    ConversationOut,
)

_CONVERSATIONS = TypeAdapter(list[ConversationOut])
_MESSAGES = TypeAdapter(list[ChatMessageOut])
_STATUSES = TypeAdapter(list[AgentChatStatusOut])


def _key(idempotency_key: str | None) -> str:
    return idempotency_key or uuid.uuid4().hex


class ChatMethods(RequestMixin):
    # --- status ------------------------------------------------------------------------------

    async def set_chat_status(
        self,
        status: ChatAgentStatus,
        capacity: int | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> AgentChatStatusOut:
        """Online / away / offline; also the heartbeat (PUT it every 10 s while online)."""
        body = ChatStatusUpdate(status=status, capacity=capacity)
        response = await self._request(
            "PUT",
            "/chat/status",
            body=body,
            idempotency_key=_key(idempotency_key),
            exclude=None if capacity is not None else {"capacity"},
        )
        return parse(response, AgentChatStatusOut)

    async def chat_statuses(self) -> list[AgentChatStatusOut]:
        return parse_list(await self._request("GET", "/chat/status"), _STATUSES)

    # --- reading -----------------------------------------------------------------------------

    async def chats(self, scope: ChatScope = "mine") -> list[ConversationOut]:
        """mine: offered to me or active with me; queue: waiting, in queue order; all: every
        conversation not ended, plus the recently ended ones."""
        response = await self._request("GET", "/chats", params={"scope": scope})
        return parse_list(response, _CONVERSATIONS)

    async def chat(self, conversation_id: int) -> ConversationOut:
        return parse(await self._request("GET", f"/chats/{conversation_id}"), ConversationOut)

    async def chat_messages(self, conversation_id: int, after_seq: int = 0) -> list[ChatMessageOut]:
        """Messages with seq > after_seq, in seq order (bot transcript included)."""
        response = await self._request(
            "GET", f"/chats/{conversation_id}/messages", params={"after_seq": after_seq}
        )
        return parse_list(response, _MESSAGES)

    async def chat_attachment_bytes(self, attachment_id: int) -> bytes:
        response = await self._request("GET", f"/chat-attachments/{attachment_id}")
        return response.content

    # --- offers and the conversation's life --------------------------------------------------

    async def _chat_action(
        self, conversation_id: int, action: str, idempotency_key: str | None
    ) -> ConversationOut:
        response = await self._request(
            "POST", f"/chats/{conversation_id}/{action}", idempotency_key=_key(idempotency_key)
        )
        return parse(response, ConversationOut)

    async def accept_chat(
        self, conversation_id: int, *, idempotency_key: str | None = None
    ) -> ConversationOut:
        """409 (conflict) when the chat is no longer offered to me."""
        return await self._chat_action(conversation_id, "accept", idempotency_key)

    async def decline_chat(
        self, conversation_id: int, *, idempotency_key: str | None = None
    ) -> ConversationOut:
        return await self._chat_action(conversation_id, "decline", idempotency_key)

    async def end_chat(
        self, conversation_id: int, *, idempotency_key: str | None = None
    ) -> ConversationOut:
        return await self._chat_action(conversation_id, "end", idempotency_key)

    async def transfer_chat(
        self, conversation_id: int, body: ChatTransfer, *, idempotency_key: str | None = None
    ) -> ConversationOut:
        response = await self._request(
            "POST",
            f"/chats/{conversation_id}/transfer",
            body=body,
            idempotency_key=_key(idempotency_key),
        )
        return parse(response, ConversationOut)

    async def convert_chat(
        self, conversation_id: int, *, idempotency_key: str | None = None
    ) -> TicketOut:
        """A ticket with the transcript; the conversation's ticket_id points at it."""
        response = await self._request(
            "POST", f"/chats/{conversation_id}/convert", idempotency_key=_key(idempotency_key)
        )
        return parse(response, TicketOut)

    # --- messages, typing, read --------------------------------------------------------------

    async def post_chat_message(
        self,
        conversation_id: int,
        message: ChatMessageCreate,
        *,
        idempotency_key: str | None = None,
    ) -> ChatMessageOut:
        """Idempotent on message.client_id: a repeat returns the message already stored."""
        response = await self._request(
            "POST",
            f"/chats/{conversation_id}/messages",
            body=message,
            idempotency_key=idempotency_key or f"chat-msg:{message.client_id}",
        )
        return parse(response, ChatMessageOut)

    async def upload_chat_attachment(
        self,
        conversation_id: int,
        filename: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        idempotency_key: str | None = None,
    ) -> ChatAttachmentOut:
        """One file as the raw body (name in X-Filename), like /attachments; the server decides
        the type from the name and checks the content (415 on a mismatch, 413 over 10 MB)."""
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise too_large(len(data))
        response = await self._request(
            "POST",
            f"/chats/{conversation_id}/attachments",
            raw=bytes(data),
            idempotency_key=_key(idempotency_key),
            extra_headers={
                "Content-Type": content_type or "application/octet-stream",
                "X-Filename": quote(filename, safe=""),
            },
        )
        return parse(response, ChatAttachmentOut)

    async def chat_typing(self, conversation_id: int, typing: bool) -> None:
        """Best effort; not stored (agents see it as a chat.typing event)."""
        await self._request(
            "PUT", f"/chats/{conversation_id}/typing", body=ChatTypingUpdate(typing=typing)
        )

    async def mark_chat_read(
        self, conversation_id: int, up_to_seq: int, *, idempotency_key: str | None = None
    ) -> ConversationOut:
        response = await self._request(
            "POST",
            f"/chats/{conversation_id}/read",
            body=ChatReadUpdate(up_to_seq=up_to_seq),
            idempotency_key=_key(idempotency_key),
        )
        return parse(response, ConversationOut)
