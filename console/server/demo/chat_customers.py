"""Simulated chat customers for a running demo (simulate=True): they open chats (the bot answers
first), ask for a person, now and then report a hacked account, answer the agent, and rate the
chat once it has ended. Everything goes through the same service functions as the customer API,
so agents' consoles see exactly what a real customer would cause."""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import anyio.to_thread
from sqlalchemy import select

from console.api.schemas_chat import CustomerChatStart, CustomerMessageCreate, CustomerRating
from console.core.waiting import wait_set
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Customer
from console.server.models_chat import ChatConversation, ChatMessage
from console.server.runtime import Runtime
from console.server.services import chat_conversations
from console.server.services.chat_context import ChatContext, chat_context

log = logging.getLogger("console.server")

MAX_OPEN_CHATS = 6
MAX_REPLIES = 3
REPLY_AFTER_S = 5.0
SECURITY_SHARE = 0.08
ASK_HUMAN_SHARE = 0.8

OPENERS: dict[str, tuple[str, ...]] = {
    "zh": (
        "我的提币一直没到账",
        "怎么重置谷歌验证器",
        "KYC 认证被拒绝了怎么办",
        "合约手续费是多少",
    ),
    "en": (
        "How do I reset my 2FA?",
        "My KYC verification failed",
        "What are the fees for futures?",
        "My withdrawal is delayed",
    ),
    "ja": ("出金が届きません", "本人確認ができない", "二段階認証をリセットしたい"),
    "ko": ("출금이 안 돼요", "수수료가 얼마예요", "본인 인증이 실패했어요"),
}
ASK_HUMAN = {
    "zh": "转人工",
    "en": "I'd like to talk to an agent please",
    "ja": "オペレーターと話したい",
    "ko": "상담원 연결해 주세요",
}
SECURITY = {
    "zh": "我的账户被盗了，资产被转走了！",
    "en": "My account was hacked and there is an unauthorized withdrawal!",
    "ja": "アカウントが乗っ取りに遭い、不正出金がありました",
    "ko": "계정이 해킹당했어요. 무단 출금이 있었어요",
}
REPLIES = {
    "zh": ("好的，我的 UID 在资料里。", "大概是昨天晚上发生的。", "谢谢，我再看看。"),
    "en": (
        "Sure, it's the account I'm logged in with.",
        "It started yesterday evening.",
        "Thanks, I'll check.",
    ),
    "ja": ("はい、ログイン中のアカウントです。", "昨日の夜からです。", "ありがとうございます。"),
    "ko": ("네, 지금 로그인한 계정이에요.", "어제 저녁부터 그래요.", "감사합니다, 확인해 볼게요."),
}


@dataclass
class _Chat:
    conversation_id: int
    language: str
    replies: int = 0
    seen_seq: int = 0


@dataclass
class ChatCustomers:
    """The simulated customers' state: which chats are theirs and how far they have read."""

    rng: random.Random
    chats: dict[int, _Chat] = field(default_factory=dict)
    customers: list[tuple[str, str]] = field(default_factory=list)

    def load_customers(self, runtime: Runtime) -> None:
        with runtime.db.read() as session:
            rows = session.execute(
                select(Customer.uid, Customer.language)
                .where(Customer.language.in_(tuple(OPENERS)))
                .limit(500)
            ).all()
        self.customers = [(uid, lang) for uid, lang in rows]

    def start_one(self, runtime: Runtime, ctx: ChatContext) -> int | None:
        if not self.customers or len(self.chats) >= MAX_OPEN_CHATS:
            return None
        uid, lang = self.rng.choice(self.customers)
        roll = self.rng.random()
        text = SECURITY[lang] if roll < SECURITY_SHARE else self.rng.choice(OPENERS[lang])
        data = CustomerChatStart.model_validate(
            {"customer_uid": uid, "language": lang, "text": text}
        )
        with runtime.db.write() as session:
            conversation, _token = chat_conversations.start(session, ctx, data)
        chat = _Chat(conversation.id, lang, seen_seq=conversation.last_seq)
        self.chats[conversation.id] = chat
        if conversation.state == "bot" and self.rng.random() < ASK_HUMAN_SHARE:
            self._say(runtime, ctx, chat, ASK_HUMAN[lang])
        return conversation.id

    def _say(self, runtime: Runtime, ctx: ChatContext, chat: _Chat, text: str) -> None:
        data = CustomerMessageCreate(body=text, client_id=uuid.uuid4().hex)
        with runtime.db.write() as session:
            chat_conversations.customer_message(session, ctx, chat.conversation_id, data)

    def tend(self, runtime: Runtime, ctx: ChatContext, now: datetime) -> None:
        """Answers agents who wrote a while ago, rates ended chats, forgets finished ones."""
        for chat in list(self.chats.values()):
            with runtime.db.read() as session:
                conv = session.get(ChatConversation, chat.conversation_id)
                last = session.scalar(
                    select(ChatMessage)
                    .where(ChatMessage.conversation_id == chat.conversation_id)
                    .order_by(ChatMessage.seq.desc())
                    .limit(1)
                )
            if conv is None:
                del self.chats[chat.conversation_id]
                continue
            if conv.state == "ended":
                if conv.rating is None:
                    score = self.rng.choice((3, 4, 5, 5, 5))
                    with runtime.db.write() as session:
                        chat_conversations.rate(session, conv.id, CustomerRating(score=score))
                del self.chats[chat.conversation_id]
                continue
            if conv.state == "bot" and conv.created_at < now - timedelta(minutes=2):
                self._say(runtime, ctx, chat, ASK_HUMAN[chat.language])
                continue
            due = last is not None and last.created_at < now - timedelta(seconds=REPLY_AFTER_S)
            if (
                last is not None
                and last.sender == "agent"
                and last.seq > chat.seen_seq
                and due
                and chat.replies < MAX_REPLIES
            ):
                chat.seen_seq = last.seq
                chat.replies += 1
                self._say(runtime, ctx, chat, self.rng.choice(REPLIES[chat.language]))


async def run_chat_customers(runtime: Runtime, stop: asyncio.Event) -> None:
    """Until `stop`: every few seconds the customers look at their chats, and about every
    1.5 × simulate_interval_s one of them opens a new chat."""
    ctx = chat_context(runtime)
    sim = ChatCustomers(random.Random())
    await anyio.to_thread.run_sync(sim.load_customers, runtime)
    start_every = runtime.settings.simulate_interval_s * 1.5
    tick = min(2.0, max(0.2, start_every / 4))
    next_start = 0.0
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        await wait_set(stop, tick)
        if stop.is_set():
            return
        try:
            if loop.time() >= next_start:
                next_start = loop.time() + start_every * sim.rng.uniform(0.5, 1.5)
                await anyio.to_thread.run_sync(sim.start_one, runtime, ctx)
            await anyio.to_thread.run_sync(sim.tend, runtime, ctx, utcnow())
        except ApiError as exc:
            log.warning("simulated chat action refused: %s", exc.message)
        except Exception:
            log.exception("simulated chat action failed")
