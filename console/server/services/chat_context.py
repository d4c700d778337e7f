"""What the chat services need from the running server: its chat settings and a way to ask the
knowledge base (the bot's source)."""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass
from functools import partial

from sqlalchemy.orm import Session

from console.server.models_kb import KbArticle
from console.server.runtime import Runtime
from console.server.services.chat_bot import BotArticle

# (session, text, language) -> the best article, or None.
ArticleFinder = Callable[[Session, str, str], BotArticle | None]


def _no_articles(_session: Session, _text: str, _language: str) -> BotArticle | None:
    return None


def _nobody() -> Set[int]:
    return frozenset()


@dataclass(frozen=True)
class ChatContext:
    offer_timeout_s: float = 30.0
    agent_timeout_s: float = 45.0
    default_capacity: int = 5
    average_handle_s: float = 90.0
    find_article: ArticleFinder = _no_articles
    # Agents routing offers nothing to now: in the live workspace, those in a training session.
    agents_away: Callable[[], Set[int]] = _nobody
    # False in the training workspace: its chats go straight to their trainee, never via routing.
    routes: bool = True


def kb_finder(runtime: Runtime) -> ArticleFinder:
    """The best published article for a customer's text, in their language when it has one."""

    def find(session: Session, text: str, language: str) -> BotArticle | None:
        hits = runtime.kb.search(runtime.db, text, lang=language, limit=1)
        if not hits:
            return None
        hit = hits[0]
        row = session.get(KbArticle, hit.article_id)
        locale = (row.locales if row is not None else {}).get(hit.lang, {})
        return BotArticle(
            slug=hit.slug,
            category=hit.category,
            lang=hit.lang,
            title=locale.get("title") or hit.title,
            summary=locale.get("summary") or hit.snippet,
            score=hit.score,
        )

    return find


def _agents_away(runtime: Runtime) -> Callable[[], Set[int]]:
    if runtime.training is None:
        return _nobody
    from console.server.training.busy import agents_away

    return partial(agents_away, runtime.training)


def chat_context(runtime: Runtime) -> ChatContext:
    s = runtime.settings
    return ChatContext(
        offer_timeout_s=s.chat_offer_timeout_s,
        agent_timeout_s=s.chat_agent_timeout_s,
        default_capacity=s.chat_default_capacity,
        average_handle_s=s.chat_average_handle_s,
        find_article=kb_finder(runtime),
        agents_away=_agents_away(runtime),
        routes=not s.training,
    )
