"""The empathy item: the tone of the agent's public replies, in the attempt's language.

Five checks share the item's weight equally:

* acknowledges: some reply apologises, shows understanding or thanks the customer;
* no blame: no reply blames the customer ("your fault", "你自己"...);
* no shouting: no reply has "!!!" (full-width "！！！" too) or at least 8 ASCII letters of which
  two thirds or more are capitals - in a reply with Chinese in it, all-caps words of up to 5
  letters are names (USDT, KYC, TRC20) and are not counted;
* greets: the first reply greets the customer;
* closes: the last reply ends politely (offers more help, wishes well, thanks).

Words match as `matching.says_any` compares them (English words from the start of a word, so
"apologi" covers "apologise" and "apologize"). No replies at all score nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..cjk import CJK_RUN
from .matching import find_said, normalize_text, says_any
from .model import RubricKind
from .report import ItemScore
from .scoring_text import excerpt, points, say

__all__ = ["ACKNOWLEDGE", "BLAME", "CLOSING", "GREETING", "empathy", "shouts"]

ACKNOWLEDGE: dict[bool, tuple[str, ...]] = {
    True: (
        "抱歉", "对不起", "不好意思", "理解", "不便", "着急", "放心", "感谢", "谢谢",
        "耐心", "辛苦", "明白", "担心", "体谅",
    ),
    False: (
        "sorry", "apologi", "understand", "frustrat", "thank", "inconvenien", "appreciate",
        "patience", "worr",
    ),
}  # fmt: skip
BLAME: dict[bool, tuple[str, ...]] = {
    True: (
        "你自己", "怪你", "你的错", "是你的问题", "不是我们的问题", "不是我们的责任",
        "与我们无关", "跟我们无关", "不关我们", "早就说过", "谁让你", "活该", "你应该早",
        "你为什么不",
    ),
    False: (
        "your fault", "your own fault", "you should have", "you should've",
        "you shouldn't have", "you should not have", "not our fault", "not our problem",
        "that's your problem", "that is your problem", "it's your problem", "you failed to",
        "you didn't read", "you did not read", "as i already said", "as i said before",
        "i already told you", "careless",
    ),
}  # fmt: skip
# Whole words: "hi" must not be found in "his".
GREETING: dict[bool, tuple[str, ...]] = {
    True: (
        "您好", "你好", "亲爱的", "早上好", "上午好", "下午好", "晚上好", "欢迎", "感谢您联系",
        "感谢您的来信", "感谢联系", "很高兴为您服务",
    ),
    False: (
        "hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening",
        "greetings", "welcome", "thank you for contacting", "thanks for contacting",
        "thank you for reaching", "thanks for reaching",
    ),
}  # fmt: skip
CLOSING: dict[bool, tuple[str, ...]] = {
    True: (
        "祝您", "祝你", "如有其他", "如还有", "如有任何", "如果还有", "还有其他", "还有什么",
        "随时", "再见", "谢谢", "感谢", "愉快", "为您服务", "期待",
    ),
    False: (
        "anything else", "any other question", "any further question", "further assistance",
        "feel free", "let us know", "let me know", "have a nice", "have a good",
        "have a great", "have a wonderful", "regards", "best wishes", "take care",
        "happy to help", "glad to help", "glad i could", "thank", "cheers", "goodbye", "bye",
    ),
}  # fmt: skip

_LETTER_RUN = re.compile(r"[A-Za-z]+")
SHOUT_LETTERS = 8
SHOUT_SHARE = 2 / 3
ACRONYM_LETTERS = 5


def shouts(text: str) -> bool:
    """Whether a reply shouts (rules in the module docstring)."""
    if "!!!" in normalize_text(text).replace(" ", ""):
        return True
    with_chinese = CJK_RUN.search(text) is not None
    letters = upper = 0
    for run in _LETTER_RUN.findall(text):
        if with_chinese and run.isupper() and len(run) <= ACRONYM_LETTERS:
            continue
        letters += len(run)
        upper += sum(char.isupper() for char in run)
    return letters >= SHOUT_LETTERS and upper >= SHOUT_SHARE * letters


def empathy(weight: int, replies: Sequence[str], zh: bool) -> ItemScore:
    """The empathy item for the agent's public replies, in order."""
    kind = RubricKind.EMPATHY.value
    if not replies:
        nothing = say(
            zh,
            "没有发送任何回复，无法评价语气。",
            "No reply was sent, so the tone could not be judged.",
        )
        return ItemScore(kind, weight, 0.0, (nothing,))
    lost: list[str] = []
    if not any(says_any(reply, ACKNOWLEDGE[zh]) for reply in replies):
        lost.append(
            say(
                zh,
                "没有一条回复体谅客户（致歉、表示理解或感谢）。",
                "No reply acknowledges the customer (an apology, understanding or thanks).",
            )
        )
    blamed = next((word for reply in replies if (word := find_said(reply, BLAME[zh]))), None)
    if blamed:
        lost.append(
            say(zh, f"有回复责怪客户：“{blamed}”。", f'A reply blames the customer: "{blamed}".')
        )
    shouted = next((reply for reply in replies if shouts(reply)), None)
    if shouted is not None:
        quoted = excerpt(shouted)
        lost.append(
            say(
                zh,
                f"有回复语气像在吼叫（全大写或“!!!”）：“{quoted}”。",
                f'A reply shouts (capitals or "!!!"): "{quoted}".',
            )
        )
    if not says_any(replies[0], GREETING[zh], whole_words=True):
        lost.append(
            say(zh, "第一条回复没有问候客户。", "The first reply does not greet the customer.")
        )
    if not says_any(replies[-1], CLOSING[zh]):
        lost.append(
            say(
                zh,
                "最后一条回复没有礼貌地结束（例如询问是否还需要帮助）。",
                "The last reply does not close politely (for example by offering more help).",
            )
        )
    checks = 5
    return ItemScore(
        kind, weight, points(weight * (checks - len(lost)) / checks, weight), tuple(lost)
    )
