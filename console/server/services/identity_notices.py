"""What the customer is told when their account is frozen, in their language, and what the
security department reads on the escalation.

The customer's text says what happened and why (their funds are protected), what is paused, that
the security team is on it and will come back to them, and repeats the rule that keeps them safe
from impostors: contact only through official channels, and support never asks for passwords,
codes, keys or recovery phrases. It passes the outgoing guard like any reply (a test checks).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["freeze_escalation_note", "freeze_notice"]

_FREEZE = {
    "zh": (
        "您好,为保护您的资产安全,我们已临时冻结您的账户,提现和交易暂时无法进行。"
        "安全团队正在核查(工单 #{ticket}),核查完成后会第一时间联系您,您现在无需进行其他操作。"
        "请只通过官方 App 或官网与我们联系。客服绝不会索要您的密码、验证码、私钥或助记词。"
    ),
    "en": (
        "Hello, to protect your funds we have frozen your account for now: withdrawals and "
        "trading are paused. Our security team is reviewing it (ticket #{ticket}) and we will "
        "contact you as soon as the review is done; you do not need to do anything else right "
        "now. Please contact us only through the official app or website. We will never ask for "
        "your password, verification codes, private keys or recovery phrase."
    ),
    "ja": (
        "お客様の資産を守るため、アカウントを一時的に凍結しました。出金と取引は現在停止しています。"
        "セキュリティチームが確認中です(チケット #{ticket})。確認が終わり次第ご連絡しますので、"
        "今は追加の操作は不要です。お問い合わせは公式アプリまたは公式サイトからのみお願いします。"
        "サポートがパスワード、認証コード、秘密鍵、リカバリーフレーズをお尋ねすることは決してありません。"
    ),
    "ko": (
        "고객님의 자산을 보호하기 위해 계정을 임시로 동결했습니다. 현재 출금과 거래가 중지되어 "
        "있습니다. 보안팀이 확인 중이며(티켓 #{ticket}), 확인이 끝나는 대로 바로 연락드리겠습니다. "
        "지금은 추가로 하실 일이 없습니다. 공식 앱 또는 공식 웹사이트를 통해서만 문의해 주세요. "
        "고객센터는 비밀번호, 인증 코드, 개인키, 복구 구문을 절대 요청하지 않습니다."
    ),
}


def freeze_notice(language: str, ticket_id: int) -> str:
    """The customer's message; English for a language we do not write."""
    template = _FREEZE.get(language.split("-")[0].lower(), _FREEZE["en"])
    return template.format(ticket=ticket_id)


def freeze_escalation_note(
    customer_uid: str, agent_name: str, where: str, reason: str, checks: Iterable[str]
) -> str:
    verified = ", ".join(checks) or "none"
    return (
        f"Emergency freeze of customer {customer_uid} by {agent_name} ({where}).\n"
        f"Reason given: {reason}\n"
        f"Identity checks passed: {verified}.\n"
        "Please review the account's logins, devices, API keys and recent withdrawals, and "
        "answer here before the account is unfrozen."
    )
