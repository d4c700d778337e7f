"""Triage of a new ticket: the queue (group) it goes to, and a priority suggested from what the
customer wrote, in Chinese, English, Japanese and Korean.

Account-security emergencies (stolen or hacked account, a withdrawal the customer did not make,
lost or reset 2FA, a phishing site that got their login, an account frozen out of the blue) are
urgent; money that is stuck on its way in or out is high. Anything else gets no suggestion.
Questions about setting up protection ("how do I enable 2FA") are not emergencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from console.core.domain import PRIORITY_RANK, Category, Priority

# Queues of the support floor. VIP desks take their customers whatever the topic; security and
# funds cases go to specialists; everything else is answered by language.
GROUPS = ("vip", "security", "funds", "zh", "en", "general")
VIP_GROUP_TIER = 4


def route_group(category: Category | str, vip_tier: int, language: str) -> str:
    if vip_tier >= VIP_GROUP_TIER:
        return "vip"
    if category == Category.ACCOUNT_SECURITY:
        return "security"
    if category == Category.DEPOSIT_WITHDRAWAL:
        return "funds"
    if language in ("zh", "en"):
        return language
    return "general"


@dataclass(frozen=True, slots=True)
class _Rule:
    priority: Priority
    pattern: re.Pattern[str]


def _rule(priority: Priority, *alternatives: str) -> _Rule:
    return _Rule(priority, re.compile("|".join(alternatives), re.IGNORECASE))


_ACCOUNT_EN = r"(?:account|wallet|funds|email|login)"
_TWO_FA = r"\b(?:2fa|two[- ]factor|authenticator|google\s+auth\w*)"

_URGENT = (
    # Stolen / hacked account.
    _rule(
        Priority.URGENT,
        rf"\b(?:my\s+)?{_ACCOUNT_EN}\s+(?:was|has\s+been|got|is|been)\s+(?:hacked|stolen|compromised|taken\s+over)",
        r"\bhacked\b",
        r"\bstolen\s+account\b",
        r"\bsomeone\s+(?:else\s+)?(?:logged|got|broke)\s+into\s+my\s+account",
        r"账[户号]被盗|账[户号]被黑|被盗号|被黑客|号被盗|资产被盗|币被盗",
        r"帳戶被盜|賬戶被盜|被盜",
        r"乗っ取られ|不正アクセス|ハッキングされ|盗まれ",
        r"해킹\s*(?:당|을\s*당|됐|되었)|계정\s*도용|도용\s*당|탈취",
    ),
    # A withdrawal the customer did not make.
    _rule(
        Priority.URGENT,
        r"\bunauthori[sz]ed\s+(?:withdrawal|transfer|transaction|login)",
        r"\bwithdrawn\s+without\s+my\s+(?:permission|consent|knowledge)",
        r"\bwithdrawal\s+(?:that\s+)?i\s+(?:did\s*n[o']t|didn't|never)\s+make",
        r"\bi\s+(?:did\s+not|didn't|never)\s+(?:make|request|authori[sz]e)\s+(?:this|that|the|a|any)\s+withdrawal",
        r"非本人(?:操作)?(?:的)?提[币现]|不是我(?:本人)?(?:操作|提)|被(?:人)?提走|陌生地址",
        r"身に覚えのない(?:出金|送金|ログイン)|私の操作ではありません",
        r"본인이\s*하지\s*않은\s*(?:출금|거래|로그인)|제가\s*하지\s*않은\s*출금|모르는\s*출금",
    ),
    # 2FA lost or to be reset.
    _rule(
        Priority.URGENT,
        rf"\b(?:lost|lose|reset|recover|stolen)\b[^.?!\n]{{0,30}}\b{_TWO_FA}",
        rf"{_TWO_FA}\b[^.?!\n]{{0,30}}\b(?:lost|reset|not\s+working|stopped\s+working|gone)\b",
        r"\bcan(?:no|')t\s+get\s+past\s+(?:the\s+)?(?:2fa|two[- ]factor|authenticator)",
        r"(?:谷歌|google\s*)验证(?:器|码)?(?:丢|用不了|没了|无法使用)|重置(?:两步|二次|双重|谷歌|安全)验证|"
        r"(?:两步|二次|双重)验证(?:丢|用不了|无法使用|重置)|验证器(?:丢|没了|用不了)",
        r"二段階認証(?:が使えな|のリセット|を紛失|をリセット)|認証アプリ(?:を紛失|が使えな)",
        r"(?:2단계|이중)\s*인증(?:을|이)?\s*(?:분실|초기화|재설정|사용할\s*수\s*없)|OTP\s*(?:분실|초기화)",
    ),
    # Phishing that reached the customer's login or funds.
    _rule(
        Priority.URGENT,
        r"\bphishing\s+(?:site|link|page|website|email|sms|text)",
        r"\bfake\s+(?:lumen\s+)?(?:site|website|login\s+page)",
        r"\bfell\s+for\s+(?:a\s+)?(?:phishing|scam)",
        r"钓鱼(?:网站|链接|短信|邮件)|冒充\s*\S{0,8}\s*的?(?:短信|网站)链接|假(?:冒)?网站",
        r"フィッシング(?:サイト|メール)|偽サイト",
        r"피싱\s*(?:사이트|링크|문자|메일)|가짜\s*사이트",
    ),
    # An account frozen without the customer asking for it.
    _rule(
        Priority.URGENT,
        rf"\b{_ACCOUNT_EN}\s+(?:has\s+been|was|is|got)\s+(?:frozen|locked|suspended)",
        r"\baccount\s+frozen\b",
        r"账[户号](?:已|已经)?被(?:冻结|锁定|封)|帳戶(?:已)?被凍結",
        r"アカウントが(?:凍結|ロック)され",
        r"계정이\s*(?:동결|정지|잠겼|잠금)",
    ),
)

_HIGH = (
    _rule(
        Priority.HIGH,
        r"\bwithdrawal[^.?!\n]{0,40}\b(?:stuck|pending|under\s+review|not\s+(?:received|arrived)|never\s+arrived|missing)",
        r"\b(?:stuck|pending|missing)\s+withdrawal",
        r"\bdeposit[^.?!\n]{0,40}\b(?:not\s+(?:credited|received|arrived|showing)|missing|never\s+arrived|still\s+pending)",
        r"\b(?:missing|lost)\s+deposit",
        r"提[币现](?:一直)?(?:未到账|没到账|没有到账|卡住|卡在|审核中|还没到)|充[值币](?:一直)?(?:未到账|没到账|没有到账|不到账|还没到)",
        r"(?:出金|送金)が(?:届か|反映され|止まっ)|入金が(?:反映され|届か|確認でき)",
        r"(?:출금|입금)이?\s*(?:반영되지|들어오지|안\s*들어|도착하지|처리되지|지연)",
    ),
)

# Setting up protection is a how-to, not an emergency, even if it names the same things.
_PREVENTIVE = re.compile(
    r"\b(?:how\s+(?:do|can|to|should)\s+(?:i|we|you)?\s*(?:enable|set\s*up|turn\s+on|activate|add|"
    r"protect|prevent|avoid|spot|recogni[sz]e)|prevent|avoid\s+getting|protect\s+(?:my|against))\b|"
    r"如何(?:开启|绑定|设置|防止|避免|识别)|怎么(?:开启|绑定|设置|防止|识别)|防止|预防|"
    r"(?:設定|有効に)する(?:方法|には)|防ぐ|"
    r"(?:설정|활성화)\s*(?:방법|하려면)|방지|예방",
    re.IGNORECASE,
)
# "not hacked", "没有被盗", "盗まれていない" just before or right after the phrase.
_NEGATED_BEFORE = re.compile(
    r"(?:\b(?:not|never|no)\b|n't|没有|没|不是|并非|未)\s*(?:been\s+|被)?$", re.IGNORECASE
)
_NEGATED_AFTER = re.compile(r"^(?:ていない|ていません|지\s*않)")
_SENTENCE_END = re.compile(r"[.?!。！？\n]")


def _sentence_before(text: str, start: int) -> str:
    head = text[:start]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    return head[ends[-1] :] if ends else head


def _first_real_match(rule: _Rule, text: str) -> str | None:
    for match in rule.pattern.finditer(text):
        before = _sentence_before(text, match.start())
        if _NEGATED_BEFORE.search(before[-12:]) or _NEGATED_AFTER.match(text[match.end() :]):
            continue
        if rule.priority == Priority.URGENT and _PREVENTIVE.search(before):
            continue
        return match.group(0).strip()
    return None


def suggest_priority(subject: str, body: str) -> tuple[Priority, str] | None:
    """(priority, the phrase that triggered it) for the most pressing rule that matches, or None."""
    text = f"{subject}\n{body}"
    best: tuple[Priority, str] | None = None
    for rule in (*_URGENT, *_HIGH):
        if best is not None and PRIORITY_RANK[best[0]] <= PRIORITY_RANK[rule.priority]:
            continue
        phrase = _first_real_match(rule, text)
        if phrase is not None:
            best = (rule.priority, phrase)
    return best


def is_higher(suggested: Priority, current: Priority) -> bool:
    return PRIORITY_RANK[suggested] < PRIORITY_RANK[current]
