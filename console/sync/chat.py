"""Live chat on the sync engine: the agent's chat commands, the status heartbeat, typing, and
keeping my conversations and their messages complete.

- Messages (`send_chat_message`) and read marks (`mark_chat_read`) are outbox commands: shown or
  applied in the store at once, never lost, sent exactly once (same idempotency key and
  client_id on every replay, across reconnects and restarts).
- Accept, decline, end, transfer and convert are online actions: they need the server's answer
  now (accept races the offer timeout; a transfer or conversion can be refused), so they go
  straight to the server and raise ApiError (ServerUnreachable when there is no answer). A
  transport failure is retried at once a few times with the same idempotency key, so a retry
  after a lost answer does the action once. The answer goes into the store before returning.
- `set_chat_status` sets my chat status; while it is online or away a heartbeat PUTs it every
  CHAT_HEARTBEAT_S, and once at every connect, so the server keeps routing to me (a stale
  heartbeat re-queues my chats there).
- Typing (`set_chat_typing`, or calling `engine.chat_typing`) is best effort and throttled.
- At connect my conversations (and the queue) are fetched with their messages; a conversation
  that becomes mine (an offer, a transfer) has the messages the store lacks fetched as well.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from console.api.client import SupportClient, new_idempotency_key
from console.api.errors import ApiError
from console.api.schemas import AgentOut, EventOut, TicketOut
from console.api.schemas_chat import (
    AgentChatStatusOut,
    ChatAgentStatus,
    ChatMessageCreate,
    ChatMessageOut,
    ChatScope,
    ChatTransfer,
    ChatTypingOut,
    ConversationOut,
)
from console.core.domain import EventType
from console.core.waiting import wait_set
from console.store import Store
from console.sync.attachments import AttachmentRefused, discard_copies, stage_files
from console.sync.chat_live import ChatStatusBoard, ChatTypingBoard
from console.sync.chat_outbox import fetch_missing_messages, refresh_chats
from console.sync.state import ConnectionState

__all__ = [
    "CHAT_ATTACHMENT_SUFFIXES",
    "CHAT_HEARTBEAT_S",
    "TYPING_RESEND_S",
    "ChatCommands",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

CHAT_HEARTBEAT_S = 10.0
# While the agent keeps typing, "typing" is sent again this often (the other side forgets it
# after 6 s); "stopped" is sent at once.
TYPING_RESEND_S = 3.0
# Online actions: attempts on a transport failure or 5xx, and the pause before each retry.
ACTION_ATTEMPTS = 3
ACTION_RETRY_S = 0.3
# What the server accepts in a chat (a narrower list than ticket attachments).
CHAT_ATTACHMENT_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".txt"})


class ChatCommands:
    """Mixed into SyncEngine, which provides the client, store, me, the connection state and
    the flusher; `_init_chat` runs in its constructor, `_chat_tasks` in run()."""

    _client: SupportClient
    _store: Store
    me: AgentOut

    if TYPE_CHECKING:

        @property
        def state(self) -> ConnectionState: ...

        def _wake_flusher(self) -> None: ...

        def _spawn(self, coro: Coroutine[Any, Any, None]) -> None: ...

        def _set_from_any_thread(self, event: asyncio.Event | None) -> None: ...

    def _init_chat(self) -> None:
        self.chat_typing = ChatTypingBoard(self.me.id, send=self.set_chat_typing)
        self.chat_status = ChatStatusBoard(self.me.id)
        # The status I chose (None: never chose, i.e. offline); the heartbeat renews it.
        self._chat_status_wanted: ChatAgentStatus | None = None
        self._chat_beat_now: asyncio.Event | None = None
        self._chat_fetch_now: asyncio.Event | None = None
        self._chat_fetch_wanted: set[int] = set()
        self._typing_sent: dict[int, tuple[bool, float]] = {}
        self.chat_heartbeat_s = CHAT_HEARTBEAT_S

    def _chat_tasks(self) -> list[Coroutine[Any, Any, None]]:
        self._chat_beat_now = asyncio.Event()
        self._chat_fetch_now = asyncio.Event()
        if self._chat_fetch_wanted:
            self._chat_fetch_now.set()
        return [self._chat_heartbeat_forever(), self._chat_fetch_forever()]

    # --- messages and read marks (outbox) --------------------------------------------------------

    def send_chat_message(self, conversation_id: int, body: str, files: Sequence[Path] = ()) -> str:
        """Show my message at once, queue it, wake the flusher; returns its client_id.

        Raises pydantic's ValidationError for a body the server would refuse, AttachmentRefused
        (a ValueError) for files it would refuse. Files are copied now (the originals may go)."""
        client_id = uuid.uuid4().hex
        ChatMessageCreate(body=body, client_id=client_id)  # refused here if the server must
        for path in files:
            if path.suffix.lower() not in CHAT_ATTACHMENT_SUFFIXES:
                raise AttachmentRefused(f"{path.name}: this type of file cannot be sent in a chat")
        copies = stage_files(self._store.data_dir, client_id, files)
        try:
            self._store.chats.queue_message(
                conversation_id,
                body,
                client_id,
                self.me.display_name,
                self.me.id,
                new_idempotency_key(),
                copies,
            )
        except BaseException:
            discard_copies(self._store.data_dir, client_id)
            raise
        self._wake_flusher()
        self.set_chat_typing(conversation_id, False)
        return client_id

    def mark_chat_read(self, conversation_id: int, up_to_seq: int) -> int | None:
        """I have read up to `up_to_seq`: unread counts drop at once, the server hears it via
        the outbox. Returns the outbox id, None when the mark does not move forward."""
        item_id = self._store.chats.queue_read(
            conversation_id, self.me.id, up_to_seq, new_idempotency_key()
        )
        if item_id is not None:
            self._wake_flusher()
        return item_id

    # --- online actions --------------------------------------------------------------------------
    async def _online(self, call: Callable[[str], Awaitable[T]]) -> T:
        key = new_idempotency_key()
        for attempt in range(1, ACTION_ATTEMPTS + 1):
            try:
                return await call(key)
            except ApiError as exc:
                if not exc.retryable or attempt == ACTION_ATTEMPTS:
                    raise
                log.info("chat action failed (%r); retrying with the same key", exc)
                await asyncio.sleep(ACTION_RETRY_S * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _stored(self, conversation: ConversationOut) -> ConversationOut:
        await asyncio.to_thread(self._store.chats.put_conversations, [conversation])
        return conversation

    async def accept_chat(self, conversation_id: int) -> ConversationOut:
        """Take the chat offered to me (ApiError 409 when it is no longer offered to me). Its
        transcript is fetched into the store before this returns."""
        conversation = await self._online(
            lambda key: self._client.accept_chat(conversation_id, idempotency_key=key)
        )
        await self._stored(conversation)
        try:
            await fetch_missing_messages(
                self._client, self._store, conversation_id, conversation.last_seq
            )
        except ApiError as exc:  # accepted all the same; the fetcher tries again
            log.info("transcript of chat %d not fetched: %r", conversation_id, exc)
            self._want_messages([conversation_id])
        return conversation

    async def decline_chat(self, conversation_id: int) -> ConversationOut:
        conversation = await self._online(
            lambda key: self._client.decline_chat(conversation_id, idempotency_key=key)
        )
        return await self._stored(conversation)

    async def end_chat(self, conversation_id: int) -> ConversationOut:
        """End the chat; the server asks the customer to rate it."""
        conversation = await self._online(
            lambda key: self._client.end_chat(conversation_id, idempotency_key=key)
        )
        self.chat_typing.clear(conversation_id)
        return await self._stored(conversation)

    async def transfer_chat(
        self,
        conversation_id: int,
        to_agent_id: int | None = None,
        to_skill: str | None = None,
        note: str = "",
    ) -> ConversationOut:
        """To an agent (offered to them with the note) or a skill (re-queued for it)."""
        body = ChatTransfer(to_agent_id=to_agent_id, to_skill=to_skill, note=note)
        conversation = await self._online(
            lambda key: self._client.transfer_chat(conversation_id, body, idempotency_key=key)
        )
        return await self._stored(conversation)

    async def convert_chat(self, conversation_id: int) -> TicketOut:
        """Make a ticket with the transcript; returns it (stored, like the conversation's new
        ticket_id) so the caller can open it."""
        ticket = await self._online(
            lambda key: self._client.convert_chat(conversation_id, idempotency_key=key)
        )
        await asyncio.to_thread(self._store.upsert_tickets, [ticket])
        try:
            await self._stored(await self._client.chat(conversation_id))
        except ApiError as exc:  # the event brings it too
            log.info("chat %d not refreshed after converting: %r", conversation_id, exc)
        return ticket

    async def open_chat(self, conversation_id: int) -> ConversationOut:
        """Fetch a conversation and the messages the store lacks (any chat, e.g. from the
        queue or a supervisor's list)."""
        conversation = await self._stored(await self._client.chat(conversation_id))
        await fetch_missing_messages(
            self._client, self._store, conversation_id, conversation.last_seq
        )
        return conversation

    async def fetch_chats(self, scope: ChatScope = "mine") -> list[ConversationOut]:
        conversations = await self._client.chats(scope)
        await asyncio.to_thread(self._store.chats.put_conversations, conversations)
        return conversations

    async def fetch_chat_statuses(self) -> list[AgentChatStatusOut]:
        """Every agent's chat status (the transfer dialog); events keep `chat_status` current."""
        statuses = await self._client.chat_statuses()
        self.chat_status.replace(statuses)
        return statuses

    async def chat_attachment_bytes(self, attachment_id: int) -> bytes:
        """A chat attachment's content (an image preview). Raises ApiError."""
        return await self._client.chat_attachment_bytes(attachment_id)

    async def download_chat_attachment(self, attachment_id: int, dest: Path) -> Path:
        """Save a chat attachment where the agent chose (never opened). Raises ApiError."""
        data = await self._client.chat_attachment_bytes(attachment_id)
        await asyncio.to_thread(dest.write_bytes, data)
        return dest

    # --- status and heartbeat --------------------------------------------------------------------
    async def set_chat_status(
        self, status: ChatAgentStatus, capacity: int | None = None
    ) -> AgentChatStatusOut:
        """Online / away / offline (capacity: my concurrent chat cap, None keeps it). The choice
        is kept even when this raises ApiError: the heartbeat sends it once the server is back."""
        self._chat_status_wanted = status
        result = await self._client.set_chat_status(
            status, capacity, idempotency_key=new_idempotency_key()
        )
        self.chat_status.update(result)
        return result

    @property
    def chat_status_wanted(self) -> ChatAgentStatus | None:
        return self._chat_status_wanted

    async def _chat_heartbeat_forever(self) -> None:
        wake = self._chat_beat_now
        assert wake is not None
        while True:
            await wait_set(wake, self.chat_heartbeat_s)
            wake.clear()
            status = self._chat_status_wanted
            if status in (None, "offline") or self.state is not ConnectionState.ONLINE:
                continue
            try:
                result = await self._client.set_chat_status(status)
            except ApiError as exc:
                log.info("chat heartbeat not sent: %r", exc)
                continue
            self.chat_status.update(result)

    # --- typing ----------------------------------------------------------------------------------
    def set_chat_typing(self, conversation_id: int, typing: bool) -> None:
        """Tell the customer I am (not) typing. Best effort, throttled: repeated "typing" goes
        out every TYPING_RESEND_S at most, "stopped" once. Call on the event loop's thread."""
        now = time.monotonic()
        last = self._typing_sent.get(conversation_id)
        if typing and last is not None and last[0] and now - last[1] < TYPING_RESEND_S:
            return
        if not typing and (last is None or not last[0]):
            return
        self._typing_sent[conversation_id] = (typing, now)
        self._spawn(self._send_typing(conversation_id, typing))

    async def _send_typing(self, conversation_id: int, typing: bool) -> None:
        try:
            await self._client.chat_typing(conversation_id, typing)
        except ApiError as exc:
            log.info("typing on chat %d not sent: %r", conversation_id, exc)

    # --- keeping my conversations complete -------------------------------------------------------
    async def _refresh_chats(self) -> None:
        """At every connect: a heartbeat first (the server routes to fresh agents only), then
        my conversations with their messages, the queue and the agents' statuses."""
        self._set_from_any_thread(self._chat_beat_now)
        try:
            mine = await refresh_chats(self._client, self._store, self.me.id)
            self.chat_status.replace(await self._client.chat_statuses())
        except ApiError as exc:
            log.info("could not fetch chats: %r", exc)
            return
        log.info("chats: %d of mine fetched", len(mine))

    def _want_messages(self, conversation_ids: Sequence[int]) -> None:
        self._chat_fetch_wanted.update(conversation_ids)
        self._set_from_any_thread(self._chat_fetch_now)

    async def _chat_fetch_forever(self) -> None:
        wake = self._chat_fetch_now
        assert wake is not None
        while True:
            await wake.wait()
            wake.clear()
            if self.state is not ConnectionState.ONLINE:
                continue  # the fetch at connect covers them
            wanted, self._chat_fetch_wanted = self._chat_fetch_wanted, set()
            for conversation_id in sorted(wanted):
                conversation = await asyncio.to_thread(
                    self._store.chats.conversation, conversation_id
                )
                last_seq = conversation.last_seq if conversation is not None else None
                try:
                    await fetch_missing_messages(
                        self._client, self._store, conversation_id, last_seq
                    )
                except ApiError as exc:
                    log.info("messages of chat %d not fetched: %r", conversation_id, exc)

    def _route_chat(self, events: Sequence[EventOut]) -> None:
        """Before the store applies events (worker thread): typing and statuses to their boards,
        conversations of mine to the message fetcher."""
        mine: list[int] = []
        for event in events:
            try:
                if event.type is EventType.CHAT_TYPING:
                    self.chat_typing.update(ChatTypingOut.model_validate(event.payload))
                elif event.type is EventType.CHAT_STATUS_CHANGED:
                    self.chat_status.update(AgentChatStatusOut.model_validate(event.payload))
                elif event.type is EventType.CHAT_MESSAGE_CREATED:
                    self._typist_wrote(ChatMessageOut.model_validate(event.payload))
                elif event.type is EventType.CHAT_CONVERSATION_UPDATED:
                    conversation = ConversationOut.model_validate(event.payload)
                    me = self.me.id
                    if conversation.state == "ended":
                        self.chat_typing.clear(conversation.id)
                    elif me in (conversation.offered_agent_id, conversation.assigned_agent_id):
                        mine.append(conversation.id)
            except ValidationError:
                log.warning("skipping malformed chat event %s", event.id)
        if mine:
            self._want_messages(mine)

    def _typist_wrote(self, message: ChatMessageOut) -> None:
        # Whoever sent a message has stopped typing it.
        if message.sender == "customer" or message.sender == "agent":
            self.chat_typing.update(
                ChatTypingOut(
                    conversation_id=message.conversation_id,
                    who=message.sender,
                    typing=False,
                    agent_id=message.agent_id,
                )
            )
