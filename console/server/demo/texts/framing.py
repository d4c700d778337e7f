"""How messages are framed per language and channel: greetings, sign-offs, transcript markers."""

from __future__ import annotations

from console.core.domain import Channel

AGENT_GREETINGS = {
    "zh": ("您好，", "{name}您好，", "您好，感谢您联系 Lumen 客服。",
           "您好，我是客服{agent}，很高兴为您服务。"),
    "en": ("Hi {name},", "Hello {name}, thanks for reaching out.",
           "Hi {name}, this is {agent} from Lumen Support."),
    "ja": ("{name}様", "{name}様、お問い合わせありがとうございます。"),
    "ko": ("{name}님, 안녕하세요.", "안녕하세요, Lumen 고객센터 {agent}입니다."),
}  # fmt: skip

GREETING_WORDS = ("您好，", "你好，")

AGENT_CLOSINGS = {
    "zh": ("", "如有其他问题，请随时回复此工单。", "感谢您的耐心与理解。", "祝您交易顺利！"),
    "en": ("", "Let me know if there's anything else.", "Thanks for your patience.",
           "Have a good day."),
    "ja": ("", "よろしくお願いいたします。"),
    "ko": ("", "감사합니다."),
}  # fmt: skip

EMAIL_SIGNATURE = {
    "zh": "{agent}\nLumen Exchange 客服团队",
    "en": "{agent}\nLumen Exchange Support",
    "ja": "{agent}\nLumen Exchange サポートチーム",
    "ko": "{agent}\nLumen Exchange 고객센터",
}

# Replies on public social channels (X and others) first move the conversation somewhere private.
SOCIAL_PRIVACY = {
    "zh": "为保护您的隐私，请勿在公开评论中透露 UID 或交易信息，我们已通过私信与您联系。",
    "en": "For your privacy, please don't post your UID or transaction details publicly; "
    "we've sent you a direct message.",
    "ja": "プライバシー保護のため、UIDや取引情報を公開コメントに書き込まないでください。"
    "DMでご連絡しました。",
    "ko": "개인정보 보호를 위해 UID나 거래 정보를 공개 댓글에 남기지 마세요. "
    "DM으로 연락드렸습니다.",
}

CALL_TRANSCRIPT = {
    "zh": "（电话转写）",
    "en": "[Call transcript] ",
    "ja": "（通話記録）",
    "ko": "[통화 기록] ",
}

CUSTOMER_EMAIL = {
    "zh": ("您好，\n\n{body}\n\n{name}", "Lumen 客服你好：\n\n{body}\n\n谢谢！\n{name}"),
    "en": (
        "Hi Lumen Support,\n\n{body}\n\nThanks,\n{name}",
        "Hello,\n\n{body}\n\nRegards,\n{name}",
    ),
    "ja": ("Lumen サポートご担当者様\n\n{body}\n\n{name}",),
    "ko": ("안녕하세요,\n\n{body}\n\n{name} 드림",),
}

WEB_FORM_UID = {"zh": "UID：{uid}", "en": "UID: {uid}", "ja": "UID：{uid}", "ko": "UID: {uid}"}


_OPENERS = ("Hi, ", "Hello, ", "客服你好，", "你好，")


def frame_opening(channel: Channel, language: str, body: str, fill: dict[str, str]) -> str:
    """The customer's first message as it arrives through the given channel."""
    if channel == Channel.EMAIL:
        # The email template greets, so the body's own "Hi," goes.
        for opener in _OPENERS:
            body = body.removeprefix(opener)
        template = CUSTOMER_EMAIL[language][len(body) % len(CUSTOMER_EMAIL[language])]
        return template.format(body=body, name=fill["customer_name"])
    if channel == Channel.WEB_FORM:
        return body + "\n\n" + WEB_FORM_UID[language].format(uid=fill["uid"])
    if channel == Channel.PHONE:
        return CALL_TRANSCRIPT[language] + body
    if channel in (Channel.SOCIAL, Channel.X):
        # Posts are short: the first line or two of what they would have written.
        return "\n".join(body.splitlines()[:2])
    return body
