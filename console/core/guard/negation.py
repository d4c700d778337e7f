"""Negation and warning words: what turns a request for a secret into a warning about it.

"never", "do not", "n't", "no one", "anyone", "someone", "scam", "phishing", "fake"; 不会, 绝不,
请勿, 不要, 切勿, 别, 任何人, 他人, 骗子, 冒充; 決して, ないでください, ません, 誰にも, 詐欺,
なりすまし; 절대, 마세요, 않습니다, 누구에게도, 사기, 사칭 ... Phrases that only look negative
("don't hesitate", "不用担心", "問題ありません") negate nothing. `asks.py` gives their scope.
"""

from __future__ import annotations

import re

from .lexicon import Family

__all__ = ["NEGATION", "NEGATION_EXCEPTIONS", "WIDENERS", "WIDEN_START"]


def _each(stems: str, tail: str) -> str:
    """`a|b`, `X` -> `aX|bX`: every alternative starts with a literal (see `cues._each`)."""
    return "|".join(stem + tail for stem in stems.split("|"))


NEGATION = Family(
    latin="""
    never; not; no one; nobody; none; neither; nor; no need; no reason; no legitimate;
    no circumstances; without; avoid; refuse; beware; cautio*; careful; warning; warn*; scam*;
    fraud*; phish*; fake; impersonat*; pretend*; someone; somebody; anyone; anybody; stranger*;
    third party; third parties; criminal*; hacker*; attacker*; thief; thieves; steal*; stolen;
    cannot; suspicious
    """,
    extra=r"n['’]t(?![a-z])",
    cjk="""
    绝不; 絕不; 决不; 決不; 从不; 從不; 永不; 并非; 並非; 无需; 無需; 毋须; 勿; 禁止; 严禁; 嚴禁;
    谨防; 謹防;
    警惕; 小心; 当心; 當心; 提防; 防范; 防範; 任何人; 任何一方; 任何第三方; 他人; 别人; 別人;
    陌生人; 第三方;
    有人; 骗子; 騙子; 骗局; 騙局; 诈骗; 詐騙; 欺诈; 欺詐; 冒充; 假冒; 冒名; 自称; 自稱; 声称; 聲稱;
    挂断;
    掛斷; 钓鱼; 釣魚; 泄露; 洩露; 泄漏; 洩漏; 外泄; 外洩; 盗取; 盜取; 被盗; 被盜; 举报; 舉報; 可疑
    決して; 絶対に; 一切; 誰にも; 誰か; 第三者; 詐欺; なりすまし; 成りすまし; 偽; フィッシング;
    厳禁;
    いけな; だめ; ダメ; 控え; 避け; 注意; 警戒; 漏洩; 漏えい; 流出; 悪用; 盗; 犯罪; 怪しい; 不審;
    ないよう;
    ないこと
    마세요; 마십시오; 마시고; 마시기; 말아; 말고; 절대; 결코; 누구에게도; 누구와도; 아무에게도;
    아무도; 타인;
    다른 사람; 제3자; 누군가; 사기; 피싱; 사칭; 금지; 안 됩니다; 안 돼; 주의; 유출; 노출; 도용;
    해커; 범죄;
    의심; 없습니다; 없어요; 없으며; 없으니
    """,
    cjk_extra=(
        r"不(?:会|會|要|可|能|得|应|應|该|該|用|需|必|向|索|曾|许|許|主动|主動|要求|询问|詢問|收集|提供|告诉|"
        r"告訴|透露|分享|发|發|给|給|泄|洩)|"
        + _each("别|別", r"(?<![^请請千万萬你您可也，,。！？\s][别別])(?!人)")
        + r"|"
        r"ないで(?!しょう)|ません(?!か|でしょうか)|않(?!겠어요|겠습니까|을까요|으실래요)"
    ),
)
# Negative words that negate nothing: "don't hesitate", "不用担心", "問題ありません".
NEGATION_EXCEPTIONS = re.compile(
    r"(?:do\s+not|don['’]t|never|no|not|n['’]t)\s+(?:forget|hesitate|worry|worries|problem|sure)|"
    r"(?:不用|不要|别|別|无需|無需)(?:担心|擔心|着急|著急)|不客气|不客氣|不好意思|"
    r"問題(?:ありません|ございません)|構いません|かまいません|"
    r"문제\s*없|걱정\s*(?:하지\s*)?마세요|걱정\s*마시고"
)
# Conditions, reported speech and examples: a request inside them borrows the negation and
# warning words of its whole sentence ("If you get a message asking for your seed phrase, report
# it as a scam"). The first pattern opens a clause.
WIDEN_START = re.compile(r"\s*(?:(?:if|when|whenever|should|in\s+case)(?![a-z])|如)")
WIDENERS = Family(
    latin="""
    ask you; asks you; asked you; asking for; asking you; tells you to; tell you to;
    telling you to; told you to; like; such as; saying; says; said; claim*; message*; call*;
    email*
    """,
    cjk="""
    如果; 若; 假如; 万一; 萬一; 一旦; 倘若; 要是; 要求您; 要求你; 让您; 讓您; 让你; 讓你; 叫您;
    叫你;
    声称; 聲稱; 谎称; 謊稱; 类似; 類似; 诸如; 諸如
    もし; 場合; たら; れば; なら; と言われ; という; といった; などと; と求め; と要求; ように言;
    ように求め;
    と依頼
    경우; 만약; 만일; 다면; 라면; 받으면; 달라는; 달라고; 라는; 라고; 하라는; 하라고; 요청하는;
    요구하는
    """,
    cjk_extra=r"以[^，,。]{0,6}[为為]由",
)
