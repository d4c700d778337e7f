"""Synthetic tickets for inbox benchmarks: mixed languages (zh, en, ja, ko), every channel,
categories, priorities, statuses, SLA clocks in every state, tags, VIP customers, tx hashes.

Deterministic (seeded) and fast: ~100,000 tickets in a few seconds, built with
`model_construct` (the values are valid by construction, so pydantic need not check them).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from console.api.schemas import SlaOut, TicketOut
from console.core.domain import Category, Channel, Priority, TicketStatus
from console.core.sla import DEFAULT_POLICIES

__all__ = ["synthetic_tickets"]

_SUBJECTS = {
    "zh": [
        "提币一直显示处理中，已经过去{n}小时",
        "USDT 充值未到账 (TRC20)",
        "账户被冻结，无法登录",
        "谷歌验证器丢失，申请重置2FA",
        "合约强平价格异常，请核实",
        "P2P 交易对方未放币",
        "KYC 审核被拒绝，原因不明",
        "理财产品赎回延迟",
    ],
    "en": [
        "Withdrawal pending for {n} hours",
        "Deposit not credited after 30 confirmations",
        "Account locked after password reset",
        "Lost my 2FA device, need help",
        "Unauthorised withdrawal from my account!",
        "API key permissions question",
        "Futures position liquidated unexpectedly",
        "Fee charged twice on spot order",
    ],
    "ja": ["出金が{n}時間保留中です", "入金が反映されません", "二段階認証をリセットしたい"],
    "ko": ["출금이 {n}시간째 대기 중입니다", "입금이 반영되지 않았습니다", "계정이 잠겼습니다"],
}
_PREVIEWS = {
    "zh": "您好，我的提币已经很久了还没有到账，交易哈希如下，请帮忙查一下，谢谢。",
    "en": "Hi, my withdrawal has been pending for hours. Here is the tx hash, please check.",
    "ja": "こんにちは、出金がまだ届いていません。確認をお願いします。",
    "ko": "안녕하세요, 출금이 아직 도착하지 않았습니다. 확인 부탁드립니다.",
}
_NAMES = {
    "zh": ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强"],
    "en": ["Emma Stone", "Liam Walker", "Olivia Brown", "Noah Smith", "Ava Jones", "Lucas Gray"],
    "ja": ["佐藤 健", "鈴木 花子", "高橋 翔"],
    "ko": ["김민준", "이서연", "박지훈"],
}
_TAGS = ["withdrawal", "deposit", "2fa", "kyc", "refund", "phishing", "api", "p2p", "trc20"]
_GROUPS = ["general", "general", "general", "vip", "security", "finance"]
_STATUSES = [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.OPEN, TicketStatus.PENDING]
_STATUSES += [TicketStatus.ON_HOLD, TicketStatus.SOLVED, TicketStatus.SOLVED, TicketStatus.CLOSED]
_LANGS = ["zh"] * 9 + ["en"] * 8 + ["ja", "ko", "ja"]


def synthetic_tickets(count: int, *, seed: int = 3, now: datetime | None = None) -> list[TicketOut]:
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    channels, categories, priorities = list(Channel), list(Category), list(Priority)
    out: list[TicketOut] = []
    for i in range(count):
        lang = _LANGS[i % len(_LANGS)]
        status = _STATUSES[rng.randrange(len(_STATUSES))]
        priority = priorities[min(3, int(rng.random() ** 1.6 * 4))]
        policy = DEFAULT_POLICIES[priority]
        created = now - timedelta(minutes=rng.randrange(1, 60 * 24 * 30))
        updated = min(now, created + timedelta(minutes=rng.randrange(0, 60 * 24)))
        answered = (
            created + timedelta(minutes=rng.randrange(5, 600)) if rng.random() < 0.6 else None
        )
        done = status in (TicketStatus.SOLVED, TicketStatus.CLOSED)
        sla = SlaOut.model_construct(
            policy_priority=priority,
            first_response_due_at=created + policy.first_response,
            first_response_at=answered if answered and answered < now else None,
            resolution_due_at=created + policy.resolution,
            resolved_at=updated if done else None,
            paused_since=updated if status == TicketStatus.PENDING else None,
            paused_seconds=0,
        )
        names = _NAMES[lang]
        vip = rng.choice((0, 0, 0, 0, 0, 0, 1, 2, 3, 5))
        tx = f"{rng.getrandbits(256):064x}"
        subject = rng.choice(_SUBJECTS[lang]).format(n=rng.randrange(2, 72))
        out.append(
            TicketOut.model_construct(
                id=i + 1,
                subject=subject,
                status=status,
                priority=priority,
                channel=channels[rng.randrange(len(channels))],
                category=categories[rng.randrange(len(categories))],
                language=lang,
                customer_uid=f"U{30_000_000 + rng.randrange(5_000_000)}",
                assignee_id=rng.choice((None, None, 1, 2, 3, 4, 7)),
                tags=rng.sample(_TAGS, rng.randrange(0, 3)),
                created_at=created,
                updated_at=updated,
                version=1,
                message_count=rng.randrange(1, 9),
                last_message_preview=_PREVIEWS[lang],
                group=rng.choice(_GROUPS),
                customer_name=names[rng.randrange(len(names))],
                customer_vip_tier=vip,
                suggested_priority=None,
                suggestion_reason=None,
                sla=sla,
                merged_into_id=None,
                linked_ids=[],
                open_escalations=1 if rng.random() < 0.03 else 0,
                search_terms=[f"user{i}@example.com", f"0x{tx[:40]}", tx],
            )
        )
    return out
