"""Requests for secrets: the difference between ASKING a customer for a seed phrase and WARNING
them about it.

A finding needs three things in one clause (`clauses.py`: clauses end at , ; brackets and before
"but" / 但是 / しかし / 하지만; sentences at . ! ? 。！？ and line breaks):

1. the thing asked for: a secret, a password, a code or a remote-access tool (`vocabulary.py`);
2. a request cue that governs it (`cues.py`, `remote.py`):
   - English: the verb right before it, at most four plain words in between ("send me your seed
     phrase", "what is your password", "I need the code we sent", "could you confirm your
     password"), "it" after it ("copy your private key and paste it here"; "..., please send it"
     in the next clause) or a bare "please" ("seed phrase pls");
   - Chinese, Japanese, Korean: a request verb within 16 characters on either side ("把验证码告诉
     我", "请提供您的私钥", "ニーモニックを送ってください", "인증 코드를 알려 주세요"), a question
     about its value ("您的密码是多少", "パスワードは何ですか", "비밀번호가 뭐예요") or a bare
     "please" ("秘密鍵をお願いします", "시드 문구 부탁드립니다");
   - typing or pasting counts when the place is this conversation ("type it here", "在这里输入",
     "ここに貼り付けて", "여기에 입력해"); a seed phrase or key typed anywhere but the customer's
     own wallet app counts too; a verb whose subject is us ("we will send a code", "给您发送验证码")
     is no request;
   - remote access: a verb that starts the tool anywhere in the clause ("install", "open",
     "安装", "インストール", "설치"), unless the clause removes it or asks about the past;
3. no negation or warning word in the clause (`negation.py`): never, not, n't, no one, anyone,
   someone, scam, phishing, fake, 不会, 绝不, 请勿, 不要, 切勿, 别, 任何人, 骗子, 決して,
   ないでください, ません, 誰にも, 詐欺, 절대, 마세요, 않습니다, 누구에게도, 사기 ... Scope:
   - the clause itself, wherever the word stands in it ("Your seed phrase should never be
     shared", "秘密鍵は絶対に教えないでください");
   - the clause before, when it ends on the negative word ("Do not, under any circumstances,
     send ...");
   - the whole sentence, for a clause that states a condition, reports what someone else says or
     gives an example ("If you get a message asking for your seed phrase, report it as a scam",
     "如果收到要求提供助记词的短信，请立即举报", "「秘密鍵を送って」というメッセージは詐欺です");
   - 120 characters around a quotation that holds the request ('"Send your seed phrase."
     Messages like this are phishing').
   A contrast word ends the scope: "We never ask for your password, but please send me the
   code" is a request for the code.

Words next to the object that make it a topic rather than the thing asked for cancel the match:
"confirm your password is correct", "a screenshot of the 2FA settings page", "是否收到验证码",
"認証コードが届かない", "인증 코드 재발송".

A clause that holds nothing but more objects ("..., private key and password") is asked for too
when the clause next to it in the same sentence is a request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues, negation, remote
from .clauses import Clause, Clauses
from .findings import GuardKind
from .lexicon import Family, Marks
from .vocabulary import ObjectKind, ObjectMention, find_objects
from .wordtrie import phrase_key, phrases

__all__ = ["Request", "find_requests"]

_KIND: dict[ObjectKind, GuardKind] = {
    "secret": "asks_secret",
    "password": "asks_password",
    "code": "asks_code",
    "remote": "asks_remote_access",
}
# Remote phrases that are already an instruction ("share your screen", "共享一下屏幕").
_SELF_CUED = frozenset(
    phrase_key(p)
    for p in phrases(
        """
        share your screen; share the screen; 共享屏幕; 分享屏幕; 共享一下屏幕; 分享一下屏幕;
        共享下屏幕;
        共享您的屏幕; 共享你的屏幕; 分享您的屏幕; 分享你的屏幕; 分享螢幕; 共享螢幕; 共享一下螢幕;
        分享一下螢幕; 分享您的螢幕; 共享您的螢幕; 画面を共有; 화면을 공유
        """
    )
)
_LOOKBACK = 120  # characters before an object searched for its English verb
_STATE_REACH = 6  # characters either side of an object searched for a "state" word
_QUOTE_REACH = 120
_ASIDE_CHARS = 40  # "under any circumstances", "在任何情况下": short enough to skip
_LIST_FILLER = re.compile(
    r"\b(?:and|or|your|the|my|our|a|an|also|plus|both|all|its|their|please|as\s+well)\b"
    r"|以及|或者|还有|還有|和|与|與|及|或|および|及び|また|と|や|및|또는|그리고|과|와|을|를|이|가|의|の|を|"
    r"[\s,.&/、，:：]"
)
_CHINESE_WHAT = re.compile(r"什么|什麼|啥")


@dataclass(frozen=True, slots=True)
class Request:
    kind: GuardKind
    start: int
    end: int


class _Text:
    """One lower-cased message: its clauses, word marks and negation verdicts, all cached."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks = Marks(text)
        self.clauses = Clauses(text, self.marks)
        self._negated: dict[tuple[int, int], bool] = {}
        self._clause_negated: dict[int, bool] = {}

    def has(self, family: Family, start: int, end: int) -> bool:
        return self.marks.any_within(family, start, end)

    def negated_between(self, start: int, end: int) -> bool:
        key = (start, end)
        if key not in self._negated:
            text = self.text
            self._negated[key] = any(
                not _excepted(text, span)
                for span in self.marks.within(negation.NEGATION, start, end)
            )
        return self._negated[key]

    def negated(self, clauses: list[Clause], index: int, mention: ObjectMention) -> bool:
        clause = clauses[index]
        verdict = self._clause_negated.get(clause.start)
        if verdict is None:
            verdict = self._clause_negated[clause.start] = (
                self.negated_between(clause.start, clause.end)
                or (
                    self.widened(clause)
                    and self.negated_between(clause.sentence_start, clause.sentence_end)
                )
                or self._inherits(clauses, index)
            )
        if verdict:
            return True
        quote = self.clauses.quote_around(mention.start, mention.end)
        return quote is not None and self.negated_between(
            max(0, quote[0] - _QUOTE_REACH), min(len(self.text), quote[1] + _QUOTE_REACH)
        )

    def widened(self, clause: Clause) -> bool:
        """A condition, reported speech or an example: its negation is the sentence's."""
        return bool(
            negation.WIDEN_START.match(self.text, clause.start, clause.end)
            or self.has(negation.WIDENERS, clause.start, clause.end)
        )

    def _inherits(self, clauses: list[Clause], index: int) -> bool:
        """The clause before ends on a negative word ("Do not, under any circumstances, send")."""
        while index > 0:
            previous = clauses[index - 1]
            body_end = previous.start + len(
                self.text[previous.start : previous.end].rstrip(" \t,，;；")
            )
            spans = [
                s
                for s in self.marks.within(negation.NEGATION, previous.start, body_end)
                if not _excepted(self.text, s)
            ]
            if spans and spans[-1][1] == body_end:
                return True
            aside = self.text[previous.start : body_end]
            if spans or len(aside) > _ASIDE_CHARS or len(aside.split()) > 4:
                return False
            index -= 1  # a short aside between the negation and this clause
        return False


def _excepted(text: str, span: tuple[int, int]) -> bool:
    """Whether a negative word is part of a phrase that negates nothing ("don't hesitate")."""
    start, end = span
    for back in range(0, 7):
        if back > start:
            break
        exception = negation.NEGATION_EXCEPTIONS.match(text, start - back)
        if exception is not None and exception.end() >= end:
            return True
    return False


def _latin_request(doc: _Text, clause: Clause, mention: ObjectMention) -> tuple[int, int] | None:
    text = doc.text
    if cues.LATIN_AFTER_STATE.match(text, mention.end, clause.end):
        return None
    window = max(clause.start, mention.start - _LOOKBACK)
    for verb_start, _ in reversed(doc.marks.within(cues.LATIN_VERBS, window, mention.start)):
        for pattern in (cues.LATIN_REQUEST_AT, cues.LATIN_ENTRY_AT):
            match = pattern.match(text, verb_start, mention.start)
            if match is None:
                continue
            if match.group("plain") and cues.LATIN_SUBJECT_BEFORE.search(
                text, clause.start, verb_start
            ):
                continue
            if pattern is cues.LATIN_ENTRY_AT and not _entry_allowed(
                text, clause, mention, match.group("plain")
            ):
                continue
            return verb_start, mention.end
    after = cues.LATIN_PRONOUN_AFTER.match(text, mention.end, clause.end)
    if after is not None:
        return mention.start, after.end()
    weak = cues.LATIN_WEAK_AFTER.match(text, mention.end, clause.end)
    if weak is not None and cues.LATIN_WEAK_BEFORE.match(text[clause.start : mention.start]):
        return mention.start, weak.end()
    return None


def _entry_allowed(text: str, clause: Clause, mention: ObjectMention, verb: str) -> bool:
    """Typing or pasting the object is a request: when the place is this conversation, or, for
    a seed phrase or key, anywhere but the customer's own wallet app."""
    if cues.LATIN_DESTINATION.search(text, clause.start, clause.end) or cues.CJK_DESTINATION.search(
        text, clause.start, clause.end
    ):
        return True
    return (
        mention.kind == "secret"
        and cues.SECRET_ENTRY.match(verb) is not None
        and cues.OWN_APP.search(text, clause.sentence_start, clause.sentence_end) is None
    )


def _near_state(text: str, clause: Clause, mention: ObjectMention) -> bool:
    before = max(clause.start, mention.start - _STATE_REACH)
    after = min(clause.end, mention.end + _STATE_REACH)
    return bool(
        cues.STATE_NEAR.search(text, before, mention.start)
        or cues.STATE_NEAR.search(text, mention.end, after)
    )


def _gap(span: tuple[int, int], mention: ObjectMention) -> int | None:
    """Characters between a cue and the object; None when they overlap."""
    if span[1] <= mention.start:
        return mention.start - span[1]
    if span[0] >= mention.end:
        return span[0] - mention.end
    return None


def _cjk_request(doc: _Text, clause: Clause, mention: ObjectMention) -> tuple[int, int] | None:
    text = doc.text
    if text[clause.start : clause.end].isascii() or _near_state(text, clause, mention):
        return None
    typed = cues.ENTRY_STEM.search(text, max(clause.start, mention.start - 4), mention.start)
    best: tuple[int, int, int] | None = None  # (gap, start, end)
    for family in (cues.CJK_REQUEST, cues.CJK_SEND, cues.CJK_ENTRY, cues.CJK_NEED):
        for span in doc.marks.within(family, clause.start, clause.end):
            gap = _gap(span, mention)
            if gap is None or gap > cues.CJK_CUE_GAP:
                continue
            if family is cues.CJK_NEED and span[0] > mention.start:
                continue
            if family is cues.CJK_ENTRY:
                if not _entry_allowed(text, clause, mention, text[span[0] : span[1]]):
                    continue
            elif typed or (
                span[0] >= mention.end and cues.ENTRY_STEM.search(text, mention.end, span[0])
            ):
                continue  # "输入验证码并提交": the verb goes with the form, not the code
            start, end = min(span[0], mention.start), max(span[1], mention.end)
            if cues.TO_CUSTOMER.search(
                text, max(clause.start, start - 6), min(clause.end, end + 6)
            ):
                continue
            if best is None or gap < best[0]:
                best = (gap, start, end)
    if best is not None:
        return best[1], best[2]
    question = cues.OBJECT_QUESTION_AFTER.match(text, mention.end, clause.end)
    # "助记词是什么" is a glossary question; "您的助记词是什么" asks for it.
    if (
        question is not None
        and question.end() > mention.end
        and (
            not _CHINESE_WHAT.search(question.group())
            or cues.ZH_POSSESSIVE_BEFORE.search(text, clause.start, mention.start)
        )
    ):
        return mention.start, question.end()
    weak = cues.OBJECT_WEAK_AFTER.match(text, mention.end, clause.end)
    if weak is not None and weak.end() > mention.end:
        return mention.start, weak.end()
    return None


def _remote_request(doc: _Text, clause: Clause, mention: ObjectMention) -> tuple[int, int] | None:
    text = doc.text
    if (
        doc.has(remote.REMOTE_PROTECT, clause.start, clause.end)
        or doc.has(remote.REMOTE_STATE, clause.start, clause.end)
        or remote.REMOTE_STATE_START.match(text, clause.start, clause.end)
    ):
        return None
    if doc.widened(clause) and doc.has(
        remote.REMOTE_PROTECT, clause.sentence_start, clause.sentence_end
    ):
        return None  # "If you installed AnyDesk, uninstall it"
    if phrase_key(text[mention.start : mention.end]) in _SELF_CUED:
        return mention.start, mention.end
    best: tuple[int, int, int] | None = None
    for span in doc.marks.within(remote.REMOTE_CUE, clause.start, clause.end):
        gap = _gap(span, mention)
        if gap is not None and (best is None or gap < best[0]):
            best = (gap, min(span[0], mention.start), max(span[1], mention.end))
    return (best[1], best[2]) if best is not None else None


def _only_objects(text: str, clause: Clause, mentions: list[ObjectMention]) -> bool:
    body = list(text[clause.start : clause.end])
    for mention in mentions:
        if clause.start <= mention.start and mention.end <= clause.end:
            for i in range(mention.start - clause.start, mention.end - clause.start):
                body[i] = " "
    return not _LIST_FILLER.sub("", "".join(body)).strip()


def find_requests(text: str) -> list[Request]:
    """Every request for a secret, password, code or remote access in lower-cased `text`."""
    doc = _Text(text)
    mentions = find_objects(doc.marks)
    if not mentions:
        return []
    doc.marks.regions = _regions(doc, mentions)
    found: list[Request] = []
    # Per sentence (keyed by its start): clauses, requested clauses, clauses with objects only.
    sentences: dict[int, list[Clause]] = {}
    asked: set[tuple[int, int]] = set()
    waiting: dict[tuple[int, int], list[ObjectMention]] = {}
    for mention in mentions:
        clauses, index = doc.clauses.locate(mention.start)
        clause = clauses[index]
        key = (clause.sentence_start, index)
        sentences[clause.sentence_start] = clauses
        if doc.negated(clauses, index, mention):
            continue
        if mention.kind == "remote":
            span = _remote_request(doc, clause, mention)
            if span is not None:
                found.append(Request(_KIND[mention.kind], *span))
            continue
        span = _latin_request(doc, clause, mention) or _cjk_request(doc, clause, mention)
        if span is None:
            waiting.setdefault(key, []).append(mention)
            continue
        found.append(Request(_KIND[mention.kind], *span))
        asked.add(key)
    for key in sorted(waiting):
        clauses = sentences[key[0]]
        following = key[1] + 1
        if _pronoun_request(doc, clauses, following):
            # "Your seed phrase is needed for the check, please send it."
            asked.add(key)
            found.extend(Request(_KIND[m.kind], m.start, m.end) for m in waiting[key])
    # Lists spread over clauses: "send me your seed phrase, private key and password".
    for order in (sorted(waiting), sorted(waiting, reverse=True)):
        for key in order:
            if key in asked:
                continue
            sentence, index = key
            clause = sentences[sentence][index]
            beside = (sentence, index - 1) in asked or (sentence, index + 1) in asked
            if beside and _only_objects(text, clause, mentions):
                asked.add(key)
                found.extend(Request(_KIND[m.kind], m.start, m.end) for m in waiting[key])
    return found


def _regions(doc: _Text, mentions: list[ObjectMention]) -> list[tuple[int, int]]:
    """The parts of the text the cue words are needed in: the sentences with a mention, and
    around a quotation that holds one."""
    spans = []
    for mention in mentions:
        spans.append(doc.clauses.sentence(mention.start))
        quote = doc.clauses.quote_around(mention.start, mention.end)
        if quote is not None:
            spans.append(
                (max(0, quote[0] - _QUOTE_REACH), min(len(doc.text), quote[1] + _QUOTE_REACH))
            )
    regions: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(end, regions[-1][1]))
        else:
            regions.append((start, end))
    return regions


def _pronoun_request(doc: _Text, clauses: list[Clause], index: int) -> bool:
    if index >= len(clauses):
        return False
    clause = clauses[index]
    return bool(
        cues.LATIN_PRONOUN_REQUEST.match(doc.text, clause.start, clause.end)
        and not doc.negated_between(clause.start, clause.end)
    )
