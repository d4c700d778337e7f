"""The chat bot's decision for one customer message while a conversation is with the bot.

Security words hand off at once with priority "security"; asking for a person, saying the last
answer did not help, a file the bot cannot read, a third question, or a question the knowledge
base has no confident answer to hand off too. Otherwise the bot answers with the best article's
summary, its title and link, in the customer's language, and asks whether that helped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from console.core.domain import Category
from console.server.services import chat_texts

# Below this KB search score the bot is not confident (relevant hits score about 1.7–2.7,
# chit-chat 0–1.6 on the shipped content).
BOT_MIN_SCORE = 1.65
MAX_BOT_ANSWERS = 2

# Knowledge-base categories as ticket categories; the others (policies, glossary …) say nothing.
KB_TO_TOPIC: dict[str, str] = {
    "account_security": Category.ACCOUNT_SECURITY.value,
    "kyc": Category.KYC.value,
    "deposit_withdrawal": Category.DEPOSIT_WITHDRAWAL.value,
    "payments": Category.DEPOSIT_WITHDRAWAL.value,
    "fees": Category.FEES.value,
    "spot": Category.SPOT.value,
    "margin": Category.FUTURES_MARGIN.value,
    "futures": Category.FUTURES_MARGIN.value,
    "options": Category.FUTURES_MARGIN.value,
    "api": Category.API.value,
    "p2p": Category.P2P.value,
    "earn": Category.EARN.value,
    "launchpad": Category.EARN.value,
    "web3_wallet": Category.WEB3_WALLET.value,
}

Reason = Literal["security", "asked", "unhelpful", "file", "limit", "unsure", "answered", "thanks"]


@dataclass(frozen=True, slots=True)
class BotArticle:
    """The best knowledge-base hit, in the language it is shown in."""

    slug: str
    category: str
    lang: str
    title: str
    summary: str
    score: float


@dataclass(frozen=True, slots=True)
class BotTurn:
    reason: Reason
    handoff: bool
    reply: str  # what the bot (answer) or the system (hand-off) says
    priority: Literal["normal", "security"] = "normal"
    topic: str | None = None  # detected topic, None when unknown


def topic_of(kb_category: str) -> str | None:
    return KB_TO_TOPIC.get(kb_category)


def _handoff(reason: Reason, language: str, topic: str | None = None) -> BotTurn:
    if reason == "security":
        return BotTurn(
            reason,
            True,
            chat_texts.text_for("handoff_security", language),
            "security",
            topic or Category.ACCOUNT_SECURITY.value,
        )
    return BotTurn(reason, True, chat_texts.text_for("handoff", language), topic=topic)


def answer_text(article: BotArticle, language: str) -> str:
    url = chat_texts.HELP_URL.format(lang=article.lang, slug=article.slug)
    summary = article.summary.strip() or article.title
    return chat_texts.text_for("answer", language, summary=summary, title=article.title, url=url)


def bot_turn(
    text: str,
    language: str,
    *,
    has_files: bool,
    bot_answers: int,
    best_article: Callable[[str], BotArticle | None],
) -> BotTurn:
    """What the bot does with the customer's `text` (`best_article` searches the KB)."""
    if chat_texts.says_security(text):
        return _handoff("security", language)
    if chat_texts.asks_for_human(text):
        return _handoff("asked", language)
    if bot_answers and chat_texts.says_unhelpful(text):
        return _handoff("unhelpful", language)
    if has_files:
        return _handoff("file", language)
    if bot_answers and chat_texts.says_thanks(text):
        return BotTurn("thanks", False, chat_texts.text_for("glad", language))
    if bot_answers >= MAX_BOT_ANSWERS:
        return _handoff("limit", language)
    article = best_article(text) if text.strip() else None
    if article is None or article.score < BOT_MIN_SCORE:
        return _handoff("unsure", language)
    return BotTurn(
        "answered", False, answer_text(article, language), topic=topic_of(article.category)
    )
