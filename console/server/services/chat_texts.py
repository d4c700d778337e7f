"""What the chat bot and the system say to customers, in zh/en/ja/ko, and the words it listens for.

Customer words are matched on the lowercased text; Latin words as whole words, CJK as substrings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HELP_URL = "https://lumen.example/help/{lang}/{slug}"

_TEXTS: dict[str, dict[str, str]] = {
    "greeting": {
        "zh": "您好，我是 Lumen 智能助手。请描述您遇到的问题；如需人工客服，随时回复“人工”。",
        "en": "Hi, I'm the Lumen assistant. Tell me what's wrong; reply \"agent\" any time to "
        "talk to a person.",
        "ja": "こんにちは、Lumen アシスタントです。お困りのことをお書きください。担当者と話すには"
        "「オペレーター」と返信してください。",
        "ko": "안녕하세요, Lumen 도우미입니다. 문의 내용을 알려주세요. 상담원과 대화하려면 언제든"
        ' "상담원"이라고 답해 주세요.',
    },
    "answer": {
        "zh": "{summary}\n\n详见：{title}\n{url}\n\n"
        "这能解决您的问题吗？如需人工客服，请回复“人工”。",
        "en": '{summary}\n\nMore: {title}\n{url}\n\nDid this help? Reply "agent" to talk to a '
        "person.",
        "ja": "{summary}\n\n詳しくは：{title}\n{url}\n\n解決しましたか？担当者と話すには"
        "「オペレーター」と返信してください。",
        "ko": "{summary}\n\n자세히 보기: {title}\n{url}\n\n도움이 되셨나요? 상담원과 대화하려면 "
        '"상담원"이라고 답해 주세요.',
    },
    "glad": {
        "zh": "很高兴能帮到您！还有其他问题吗？如需人工客服，请回复“人工”。",
        "en": 'Glad that helped! Anything else? Reply "agent" to talk to a person.',
        "ja": "お役に立ててよかったです。ほかにご質問はありますか？",
        "ko": "도움이 되어 기쁩니다! 다른 문의가 있으신가요?",
    },
    "handoff": {
        "zh": "正在为您转接人工客服，请稍候…",
        "en": "Connecting you to an agent…",
        "ja": "担当者におつなぎしています。少々お待ちください…",
        "ko": "상담원에게 연결하고 있습니다. 잠시만 기다려 주세요…",
    },
    "handoff_security": {
        "zh": "您的问题涉及账户安全，已为您优先转接人工客服，请稍候…",
        "en": "This concerns your account's security: you are first in line. Connecting you to "
        "an agent…",
        "ja": "アカウントの安全に関わるため、優先して担当者におつなぎしています…",
        "ko": "계정 보안 관련 문의로 우선 연결합니다. 상담원에게 연결하고 있습니다…",
    },
    "joined": {
        "zh": "{name} 已加入对话。",
        "en": "{name} has joined the chat.",
        "ja": "{name} がチャットに参加しました。",
        "ko": "{name} 님이 채팅에 참여했습니다.",
    },
    "secret_warning": {
        "zh": "安全提醒：您发送的内容含有助记词或私钥，我们已将其隐藏，客服看不到。Lumen 绝不会"
        "索要您的助记词、私钥或密码。它们一旦发给任何人，资产就有风险：请立即把资产转到一个"
        "新建的钱包，不要再使用这组助记词或私钥。",
        "en": "Security warning: your message contained a recovery phrase or a private key. We "
        "have hidden it; our agents cannot see it. Lumen will never ask for your recovery "
        "phrase, private keys or passwords. Once shared, they put your funds at risk: move "
        "your funds to a newly created wallet now and stop using that phrase or key.",
        "ja": "セキュリティ警告：送信内容にリカバリーフレーズ（ニーモニック）または秘密鍵が含まれて"
        "いたため、非表示にしました。担当者には見えません。Lumen がリカバリーフレーズ、秘密鍵、"
        "パスワードを求めることはありません。資産を直ちに新しく作成したウォレットへ移し、この"
        "フレーズや鍵は今後使わないでください。",
        "ko": "보안 경고: 보내신 내용에 복구 문구(니모닉) 또는 개인 키가 포함되어 있어 숨겼습니다. "
        "상담원은 볼 수 없습니다. Lumen은 복구 문구, 개인 키, 비밀번호를 절대 요구하지 않습니다. "
        "자산을 즉시 새로 만든 지갑으로 옮기고 해당 문구나 키는 더 이상 사용하지 마세요.",
    },
    "transferred": {
        "zh": "正在为您转接其他客服，请稍候…",
        "en": "Transferring you to another agent…",
        "ja": "別の担当者におつなぎしています…",
        "ko": "다른 상담원에게 연결하고 있습니다…",
    },
    "agent_left": {
        "zh": "客服连接已断开，正在为您转接其他客服，之前的对话记录都已保留。",
        "en": "Your agent was disconnected. Connecting you to another agent; nothing you wrote "
        "is lost.",
        "ja": "担当者との接続が切れました。別の担当者におつなぎします。"
        "これまでの内容は保存されています。",
        "ko": "상담원 연결이 끊어졌습니다. 다른 상담원에게 연결합니다. 대화 내용은 모두 저장되어 "
        "있습니다.",
    },
    "ended": {
        "zh": "本次对话已结束。请为本次服务打分（1–5 分）。",
        "en": "This chat has ended. How did we do? Please rate this chat from 1 to 5.",
        "ja": "チャットは終了しました。今回の対応を 1〜5 で評価してください。",
        "ko": "채팅이 종료되었습니다. 이번 상담을 1~5점으로 평가해 주세요.",
    },
}

BOT_NAME = {
    "zh": "Lumen 助手",
    "en": "Lumen Assistant",
    "ja": "Lumen アシスタント",
    "ko": "Lumen 도우미",
}
SYSTEM_NAME = "System"

SECURITY_WORDS = (
    "stolen",
    "hacked",
    "hacker",
    "unauthorised",
    "unauthorized",
    "compromised",
    "account takeover",
    "drained",
    "被盗",
    "盗号",
    "冻结",
    "账户被黑",
    "账号被黑",
    "被黑",
    "被盗刷",
    "异常登录",
    "未经授权",
    "不是我操作",
    "乗っ取り",
    "不正出金",
    "不正ログイン",
    "盗まれ",
    "ハッキング",
    "해킹",
    "도난",
    "도용",
    "무단 출금",
    "무단출금",
)
HUMAN_WORDS = (
    "human",
    "agent",
    "real person",
    "a person",
    "live person",
    "operator",
    "representative",
    "talk to someone",
    "人工",
    "转人工",
    "客服",
    "真人",
    "オペレーター",
    "担当者",
    "人間",
    "상담원",
    "상담사",
    "사람",
)
THANKS_WORDS = (
    "thanks",
    "thank you",
    "that helped",
    "solved",
    "resolved",
    "got it",
    "谢谢",
    "解决了",
    "明白了",
    "好的",
    "ありがとう",
    "解決しました",
    "わかりました",
    "分かりました",
    "감사",
    "고마워",
    "해결됐",
    "해결되었",
)
UNHELPFUL_WORDS = (
    "didn't help",
    "did not help",
    "not helpful",
    "doesn't help",
    "no help",
    "没用",
    "没有帮助",
    "没解决",
    "不行",
    "役に立たない",
    "解決しない",
    "解決しません",
    "도움이 안",
    "해결이 안",
)
THANKS_MAX_CHARS = 30


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    parts = [
        rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w)
        for w in sorted(words, key=len, reverse=True)
    ]
    return re.compile("|".join(parts))


_SECURITY = _pattern(SECURITY_WORDS)
_HUMAN = _pattern(HUMAN_WORDS)
_THANKS = _pattern(THANKS_WORDS)
_UNHELPFUL = _pattern(UNHELPFUL_WORDS)


def says_security(text: str) -> bool:
    return _SECURITY.search(text.lower()) is not None


def asks_for_human(text: str) -> bool:
    return _HUMAN.search(text.lower()) is not None


def says_unhelpful(text: str) -> bool:
    return _UNHELPFUL.search(text.lower()) is not None


def says_thanks(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= THANKS_MAX_CHARS and _THANKS.search(stripped.lower()) is not None


def text_for(key: str, language: str, **values: str) -> str:
    table = _TEXTS[key]
    template = table.get(language, table["en"])
    return template.format(**values) if values else template


def bot_name(language: str) -> str:
    return BOT_NAME.get(language, BOT_NAME["en"])
