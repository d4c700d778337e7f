"""Priority suggestions from what customers actually write, in four languages."""

from __future__ import annotations

import pytest

from console.core.domain import Category, Priority
from console.core.priority_rules import GROUPS, is_higher, route_group, suggest_priority

URGENT = [
    # stolen / hacked
    ("URGENT: account hacked, USDT withdrawn", "Please freeze it now."),
    ("Help", "I think my account has been compromised, someone changed my email."),
    ("Someone logged into my account", "I got an alert from Lagos. I am in London."),
    ("紧急！账户被盗，USDT 被提走了", "请马上冻结我的账户。"),
    ("号被盗了", "昨天晚上资产全部被转走。"),
    ("アカウントが乗っ取られました", "すぐに凍結してください。"),
    ("계정 해킹 당했어요", "비밀번호가 바뀌었습니다."),
    # unauthorised withdrawal
    ("Unauthorized withdrawal of 2 ETH", "Please stop it."),
    ("Funds gone", "There is a withdrawal I did not make to 0xabc."),
    ("提币记录", "有一笔非本人操作的提币，10,000 USDT 被提到了陌生地址。"),
    ("【至急】身に覚えのない出金がありました", "私の操作ではありません。"),
    ("출금 알림", "본인이 하지 않은 출금이 있습니다."),
    # 2FA lost / reset
    ("Lost my phone - can't get past 2FA", "How do I reset 2FA?"),
    ("Authenticator", "My Google Authenticator stopped working after a factory reset."),
    ("手机丢了，谷歌验证器用不了，无法登录", "请问怎么重置两步验证？"),
    ("機種変更で二段階認証が使えなくなりました", "二段階認証のリセット方法を教えてください。"),
    ("2단계 인증 초기화 요청", "휴대폰을 잃어버려서 2단계 인증을 사용할 수 없습니다."),
    # phishing
    ("I entered my login on a fake Lumen site", "The domain was not lumen.example."),
    ("Phishing link", "I clicked a phishing link in an SMS and typed my password."),
    ("点了钓鱼链接", "登录了那个网站，账户会不会有风险"),
    ("フィッシングサイトにログインしてしまいました", "どうすればいいですか。"),
    ("피싱 사이트에 로그인했습니다", "어떻게 해야 하나요?"),
    # frozen unexpectedly
    ("Account frozen - can't log in", "It says my account has been frozen. I did nothing wrong."),
    ("账户被冻结，无法登录也无法交易", "提示账户已被冻结，请联系客服。"),
    ("アカウントが凍結されました", "理由を教えてください。"),
    ("계정이 동결되었습니다", "이유가 무엇인가요?"),
]

HIGH = [
    ("Withdrawal of 500 USDT stuck under review", "It has been 12 hours."),
    ("BTC deposit not credited after 3 confirmations", "TxID abc"),
    ("Missing deposit", "I sent SOL yesterday."),
    ("提币一直未到账", "交易哈希 0xabc"),
    ("USDT 充值未到账", "已经 6 个确认了"),
    ("出金が届かない", "アドレスは正しいです。"),
    ("입금이 반영되지 않았습니다", "TxID abc"),
    ("출금이 지연되고 있습니다", "확인 부탁드립니다."),
]

NOTHING = [
    ("How do I enable 2FA?", "I want to protect my account with Google Authenticator."),
    ("How can I set up two-factor authentication", "Which app do you recommend?"),
    ("如何开启谷歌验证", "想给账户加一层保护。"),
    ("二段階認証を設定する方法", "おすすめのアプリはありますか。"),
    ("2단계 인증 설정 방법", "어떻게 켜나요?"),
    ("How to prevent my account from being hacked", "Any tips?"),
    ("Fees", "What are the spot trading fees for VIP 2?"),
    ("I was not hacked", "Just want to change my phone number."),
    ("怎么识别钓鱼网站", "最近看到很多新闻。"),
    ("Freeze my account please", "I will be travelling and want to freeze it myself."),
    ("API rate limit", "Error 42901 during volatility."),
    ("", ""),
]


@pytest.mark.parametrize(("subject", "body"), URGENT)
def test_security_emergencies_are_urgent(subject: str, body: str) -> None:
    found = suggest_priority(subject, body)
    assert found is not None, (subject, body)
    priority, reason = found
    assert priority == Priority.URGENT
    assert reason and reason.lower() in f"{subject}\n{body}".lower()


@pytest.mark.parametrize(("subject", "body"), HIGH)
def test_stuck_money_is_high(subject: str, body: str) -> None:
    assert suggest_priority(subject, body) is not None
    assert suggest_priority(subject, body)[0] == Priority.HIGH  # type: ignore[index]


@pytest.mark.parametrize(("subject", "body"), NOTHING)
def test_questions_and_other_topics_get_no_suggestion(subject: str, body: str) -> None:
    assert suggest_priority(subject, body) is None


def test_urgent_wins_over_high_and_reports_its_own_phrase() -> None:
    found = suggest_priority(
        "Withdrawal stuck", "Also my account was hacked yesterday and the withdrawal is pending."
    )
    assert found is not None
    assert found[0] == Priority.URGENT
    assert "hacked" in found[1]


def test_a_how_to_sentence_does_not_hide_a_real_report_in_the_next_one() -> None:
    found = suggest_priority("Question", "How do I enable 2FA? My account was hacked last night.")
    assert found is not None and found[0] == Priority.URGENT


def test_is_higher_follows_urgency() -> None:
    assert is_higher(Priority.URGENT, Priority.HIGH)
    assert is_higher(Priority.HIGH, Priority.LOW)
    assert not is_higher(Priority.HIGH, Priority.URGENT)
    assert not is_higher(Priority.NORMAL, Priority.NORMAL)


def test_groups_by_vip_then_category_then_language() -> None:
    assert route_group(Category.SPOT, 5, "zh") == "vip"
    assert route_group(Category.ACCOUNT_SECURITY, 0, "en") == "security"
    assert route_group(Category.DEPOSIT_WITHDRAWAL, 3, "ko") == "funds"
    assert route_group(Category.KYC, 0, "zh") == "zh"
    assert route_group(Category.FEES, 1, "en") == "en"
    assert route_group(Category.API, 0, "ja") == "general"
    assert {
        route_group(c, v, lang) for c in Category for v in (0, 9) for lang in ["zh", "en", "ja"]
    } == set(GROUPS)
