"""The demo workspace's texts: filled, in the ticket's language, naming only Lumen, and never
asking a customer for secrets."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from console.core.domain import AccountStatus, Category, MessageKind, Priority
from console.server.demo import DemoWorkspace, generate_demo, texts
from console.server.demo.texts import framing

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def workspace() -> DemoWorkspace:
    return generate_demo(seed=7, now=NOW)  # the default size the server seeds


# --- text quality and safety -------------------------------------------------------------------

_SECRET = re.compile(
    r"密码|助记词|私钥|验证码|谷歌验证|secret key|password|passcode|seed phrase|recovery phrase|"
    r"mnemonic|private key|2fa code|authenticator code|sms code|verification code|one-time code|"
    r"パスワード|認証コード|秘密鍵|シードフレーズ|비밀번호|인증 코드|시드 문구|개인 키",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"(请|麻烦|烦请|需要您).{0,12}(提供|发送|发给|告知|告诉|回复|透露|提交|输入|报)|"
    r"\b(send|provide|share|tell|give|reply with|dm|type|enter|confirm|read out)\b|"
    r"(送って|教えて|入力して|提供して).{0,4}ください|(보내|알려|입력해|제공해).{0,4}(주세요|주십시오)",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"勿|不要|不会|绝不|切勿|别|无需|不需要|禁止|诈骗|n't\b|\bnot\b|\bnever\b|no one|nobody|"
    r"without|removed|scammer|ない|ません|絶対|않|마세요|절대",
    re.IGNORECASE,
)


def asks_for_secret(text: str) -> bool:
    """True when a sentence asks the customer for a password, seed phrase, key or code."""
    for sentence in re.split(r"[。！？!?\n]|\.\s", text):
        asks = _SECRET.search(sentence) and _REQUEST.search(sentence)
        if asks and not _NEGATION.search(sentence):
            return True
    return False


@pytest.mark.parametrize(
    "text",
    [
        "请提供您的谷歌验证码以便我们核实。",
        "麻烦把登录密码发给我们，我们帮您检查。",
        "Please send us your seed phrase so we can restore the wallet.",
        "To verify ownership, reply with your 2FA code.",
        "Could you share your private key with our security team?",
        "確認のため、パスワードを教えてください。",
        "확인을 위해 비밀번호를 알려 주세요.",
    ],
)
def test_secret_request_check_catches_requests(text: str) -> None:
    assert asks_for_secret(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lumen 工作人员绝不会索要您的密码、短信验证码或谷歌验证码，请勿向任何人透露。",
        "Lumen staff will never ask for your password. Never share it with anyone.",
        "Please send a sample request with the secret key removed.",
        "请回复交易哈希和区块浏览器截图。",
        "Please make sure the screenshot doesn't show any passwords or codes.",
    ],
)
def test_secret_request_check_lets_warnings_through(text: str) -> None:
    assert not asks_for_secret(text)


def test_agents_never_ask_for_secrets(workspace: DemoWorkspace) -> None:
    agent_messages = [
        m.body for t in workspace.tickets for m in t.messages if m.kind != MessageKind.CUSTOMER
    ]
    assert len(agent_messages) > 1000
    offending = [body for body in agent_messages if asks_for_secret(body)]
    assert offending == []


def test_no_reply_template_asks_for_secrets() -> None:
    pools = texts._POOLS  # every template, including ones this seed did not draw
    agent_stages = ("ask", "hold", "note", "resolve")
    checked = 0
    for language, by_key in pools.items():
        for key, variants in by_key.items():
            if key.rpartition(".")[2] in agent_stages:
                for variant in variants:
                    assert not asks_for_secret(variant), (language, key, variant)
                    checked += 1
    extras = [*framing.SOCIAL_PRIVACY.values()]
    extras += [g for greetings in framing.AGENT_GREETINGS.values() for g in greetings]
    assert not any(asks_for_secret(text) for text in extras)
    assert checked > 300


def test_security_cases_are_urgent_or_high(workspace: DemoWorkspace) -> None:
    security = [t for t in workspace.tickets if t.category == Category.ACCOUNT_SECURITY]
    assert security
    assert all(t.priority in (Priority.URGENT, Priority.HIGH) for t in security)
    stolen = [t for t in security if "stolen-account" in t.tags]
    assert stolen and all(t.priority == Priority.URGENT for t in stolen)


def test_stolen_account_replies_escalate_to_security(workspace: DemoWorkspace) -> None:
    for t in workspace.tickets:
        if "stolen-account" not in t.tags:
            continue
        replies = [m.body for m in t.messages if m.kind == MessageKind.REPLY]
        for body in replies[:1]:
            assert re.search(r"安全团队|Security|セキュリティ|보안팀", body), body


def test_frozen_accounts_have_a_security_case(workspace: DemoWorkspace) -> None:
    frozen = {c.uid for c in workspace.customers if c.account_status == AccountStatus.FROZEN}
    with_case = {
        t.customer_uid for t in workspace.tickets if t.category == Category.ACCOUNT_SECURITY
    }
    assert frozen <= with_case


def test_texts_are_filled_and_in_the_ticket_language(workspace: DemoWorkspace) -> None:
    scripts = {
        "zh": re.compile(r"[\u4e00-\u9fff]"),
        "ja": re.compile(r"[\u3040-\u30ff]"),
        "ko": re.compile(r"[\uac00-\ud7af]"),
    }
    for t in workspace.tickets:
        assert t.subject and len(t.subject) <= 120
        for text in [t.subject, *(m.body for m in t.messages)]:
            assert "{" not in text and "}" not in text, text
        for m in t.messages:
            if t.language in scripts:
                assert scripts[t.language].search(m.body), (t.language, m.body)
            elif t.language == "en":
                assert not scripts["ja"].search(m.body) and not scripts["ko"].search(m.body)
                letters = [ch for ch in m.body if ch.isalpha()]
                assert sum(ch.isascii() for ch in letters) / len(letters) > 0.9, m.body


def test_lumen_is_the_only_exchange_named(workspace: DemoWorkspace) -> None:
    # Whole words only: a random tx hash or address may contain "okX".
    pattern = re.compile(
        r"\b(binance|okx|coinbase|kraken|bybit|bitget|huobi|kucoin)\b|币安|火币", re.I
    )
    for t in workspace.tickets:
        for text in [t.subject, *(m.body for m in t.messages)]:
            assert not pattern.search(text), text
