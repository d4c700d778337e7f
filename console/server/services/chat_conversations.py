"""A conversation from the customer's side: start, write (the bot answers while it has the chat),
hand-off to the queue, read marks, typing, end and rating.

The customer is authorised by the conversation's own bearer token, handed out once at start.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from console.api.schemas_chat import (
    ChatMessageOut,
    ChatTypingOut,
    ConversationOut,
    CustomerChatStart,
    CustomerChatView,
    CustomerMessageCreate,
    CustomerRating,
)
from console.core.domain import EventType
from console.core.secrets import redact_secrets
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Customer
from console.server.models_chat import ChatConversation
from console.server.security import new_token, token_hash
from console.server.services import (
    chat_attachments,
    chat_bot,
    chat_queue,
    chat_texts,
    events,
    vip_ladder,
)
from console.server.services.chat_context import ChatContext
from console.server.services.chat_records import (
    append,
    conflict,
    conversation_out,
    existing_message,
    load_conversation,
    messages_after,
    owner,
    touch,
)

GUEST_NAME = "Guest"
TYPING_HOLD_S = 6.0


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(
        422,
        "invalid_request",
        message,
        [{"loc": ["body", field], "msg": message, "type": "value_error"}],
    )


def authenticate(session: Session, conversation_id: int, token: str) -> ChatConversation:
    """The conversation the token was issued for; 401 for any other token."""
    conv = load_conversation(session, conversation_id)
    if not hmac.compare_digest(conv.token_hash, token_hash(token)):
        raise ApiError(401, "unauthorized", "This chat token is not valid for the conversation.")
    return conv


def start(
    session: Session, ctx: ChatContext, data: CustomerChatStart
) -> tuple[ConversationOut, str]:
    """A new conversation with the bot; `data.text`, when given, is its first message."""
    now = utcnow()
    name, vip, manager = (data.guest_name.strip() or GUEST_NAME), 0, None
    if data.customer_uid is not None:
        customer = session.get(Customer, data.customer_uid)
        if customer is None:
            raise _invalid("customer_uid", f"No customer with uid {data.customer_uid!r}.")
        name, vip, manager = customer.display_name, customer.vip_tier, customer.account_manager_id
    token = new_token()
    conv = ChatConversation(
        token_hash=token_hash(token),
        customer_uid=data.customer_uid,
        customer_name=name[:100],
        vip_tier=vip,
        account_manager_id=manager,
        language=data.language,
        topic=data.topic,
        state="bot",
        priority="high" if vip > 0 else "normal",
        created_at=now,
        updated_at=now,
        version=0,
        declined_ids=[],
        missed_ids=[],
    )
    session.add(conv)
    session.flush()
    redaction = redact_secrets(data.text)
    if redaction.text.strip():
        append(session, conv, "customer", redaction.text, author_name=conv.customer_name, now=now)
        if redaction.findings:
            _secret_shared(session, ctx, conv, now)
        else:
            _bot_reply(session, ctx, conv, redaction.text, has_files=False, now=now)
    else:
        _say_bot(session, conv, chat_texts.text_for("greeting", conv.language), now)
    return touch(session, conv, now), token


def _say_bot(session: Session, conv: ChatConversation, text: str, now: datetime) -> None:
    append(session, conv, "bot", text, author_name=chat_texts.bot_name(conv.language), now=now)


def say_system(
    session: Session, conv: ChatConversation, key: str, now: datetime, **values: str
) -> None:
    text = chat_texts.text_for(key, conv.language, **values)
    append(session, conv, "system", text, author_name=chat_texts.SYSTEM_NAME, now=now)


def hand_off(
    session: Session,
    ctx: ChatContext,
    conv: ChatConversation,
    now: datetime,
    *,
    priority: str = "normal",
    text: str | None = None,
) -> None:
    """From the bot to the queue, with a system message; routes at once."""
    if priority == "security":
        conv.priority = "security"
    message = text or chat_texts.text_for("handoff", conv.language)
    append(session, conv, "system", message, author_name=chat_texts.SYSTEM_NAME, now=now)
    chat_queue.enqueue(conv, now)
    session.flush()
    chat_queue.route(session, ctx, now)
    vip_ladder.chat_queued(session, conv)  # a VIP desk client's managers hear of it at once


def _bot_reply(
    session: Session,
    ctx: ChatContext,
    conv: ChatConversation,
    text: str,
    *,
    has_files: bool,
    now: datetime,
) -> None:
    turn = chat_bot.bot_turn(
        text,
        conv.language,
        has_files=has_files,
        bot_answers=conv.bot_answers,
        best_article=lambda q: ctx.find_article(session, q, conv.language),
    )
    if turn.topic is not None and (conv.topic is None or turn.reason in ("security", "answered")):
        conv.topic = turn.topic
    if turn.handoff:
        hand_off(session, ctx, conv, now, priority=turn.priority, text=turn.reply)
        return
    if turn.reason == "answered":
        conv.bot_answers += 1
    _say_bot(session, conv, turn.reply, now)


def _secret_shared(
    session: Session, ctx: ChatContext, conv: ChatConversation, now: datetime
) -> None:
    """The customer sent a seed phrase or key (hidden already): tell them at once to move their
    funds, and bring a person in first in line, as for any other security matter."""
    say_system(session, conv, "secret_warning", now)
    if conv.state == "bot":
        text = chat_texts.text_for("handoff_security", conv.language)
        hand_off(session, ctx, conv, now, priority="security", text=text)
    elif conv.state in ("queued", "offered") and conv.priority != "security":
        conv.priority = "security"  # still waiting: to the front of the queue
        session.flush()
        chat_queue.route(session, ctx, now)


def customer_message(
    session: Session, ctx: ChatContext, conversation_id: int, data: CustomerMessageCreate
) -> tuple[ChatMessageOut, bool]:
    """Adds the customer's message; a known client_id returns the stored one (created False)."""
    conv = load_conversation(session, conversation_id, for_update=True)
    held_by = (conv.state, owner(conv))
    # A seed phrase or key is hidden before it is stored: no agent, log or backup ever holds it.
    redaction = redact_secrets(data.body)
    body = redaction.text
    known = existing_message(session, conv.id, "customer", data.client_id)
    if known is not None:
        if known.body != body:
            raise conflict("This client_id was already used for another message.")
        return known, False
    if conv.state == "ended":
        raise conflict("This chat has ended.")
    if not data.body.strip() and not data.attachment_ids:
        raise _invalid("body", "A message needs text or a file.")
    files = chat_attachments.claimable(session, conv.id, "customer", None, data.attachment_ids)
    now = utcnow()
    out = append(
        session,
        conv,
        "customer",
        body,
        author_name=conv.customer_name,
        client_id=data.client_id,
        files=files,
        now=now,
    )
    if redaction.findings:
        _secret_shared(session, ctx, conv, now)
    elif conv.state == "bot":
        _bot_reply(session, ctx, conv, body, has_files=bool(files), now=now)
    if held_by[0] != "bot":  # written to a person or the queue: a VIP's managers may hear of it
        vip_ladder.client_wrote_chat(session, conv, now)
    if owner(conv) is not None and (conv.state, owner(conv)) == held_by:
        # A message in a chat an agent holds: its own event tells that agent all there is.
        conv.version += 1
        conv.updated_at = max(now, conv.updated_at)
    else:  # the bot's answer or hand-off, a message in the queue: news for every agent
        touch(session, conv, now)
    return out, True


def customer_read(session: Session, conversation_id: int, up_to_seq: int) -> ConversationOut:
    conv = load_conversation(session, conversation_id, for_update=True)
    seq = min(up_to_seq, conv.last_seq)
    if seq <= conv.customer_read_seq:
        return conversation_out(conv)
    conv.customer_read_seq = seq
    return touch(session, conv, private=True)


def customer_typing(session: Session, conversation_id: int, typing: bool) -> None:
    conv = load_conversation(session, conversation_id)
    if conv.state == "ended":
        return
    out = ChatTypingOut(conversation_id=conv.id, who="customer", typing=typing, agent_id=None)
    events.emit(session, EventType.CHAT_TYPING, None, out, owner(conv))


def end(
    session: Session, ctx: ChatContext, conv: ChatConversation, now: datetime | None = None
) -> ConversationOut:
    """Ends the chat (once; ending again changes nothing) and asks the customer for a rating."""
    if conv.state == "ended":
        return conversation_out(conv)
    now = now or utcnow()
    was_busy = conv.state in ("offered", "active")
    if conv.state == "offered":
        conv.offered_agent_id = None
    conv.state = "ended"
    conv.ended_at = now
    conv.agent_typing_until = None
    say_system(session, conv, "ended", now)
    out = touch(session, conv, now)
    if was_busy:
        chat_queue.route(session, ctx, now)
    return out


def customer_end(session: Session, ctx: ChatContext, conversation_id: int) -> ConversationOut:
    return end(session, ctx, load_conversation(session, conversation_id, for_update=True))


def rate(session: Session, conversation_id: int, data: CustomerRating) -> ConversationOut:
    conv = load_conversation(session, conversation_id, for_update=True)
    if conv.state != "ended":
        raise conflict("A chat can be rated once it has ended.")
    if conv.rating == data.score and conv.rating_comment == data.comment:
        return conversation_out(conv)
    conv.rating = data.score
    conv.rating_comment = data.comment
    return touch(session, conv)


def view(
    session: Session, ctx: ChatContext, conversation_id: int, after_seq: int
) -> CustomerChatView:
    conv = load_conversation(session, conversation_id)
    position, wait = chat_queue.queue_info(session, ctx, conv)
    typing_until = conv.agent_typing_until
    return CustomerChatView(
        conversation=conversation_out(conv),
        messages=messages_after(session, conv.id, after_seq),
        queue_position=position,
        estimated_wait_s=wait,
        agent_typing=typing_until is not None and typing_until > utcnow(),
    )


def typing_until(now: datetime, typing: bool) -> datetime | None:
    return now + timedelta(seconds=TYPING_HOLD_S) if typing else None
