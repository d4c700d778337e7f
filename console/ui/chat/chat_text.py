"""Words and numbers of the chat views: waiting times, the offer countdown, read receipts and
who wrote a message. Pure functions over wire objects, so they are easy to test."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from console.ui.i18n import tr
from console.ui.labels import category_label

__all__ = [
    "OFFER_TIMEOUT_S",
    "duration_text",
    "is_pending",
    "language_text",
    "last_preview",
    "offer_seconds_left",
    "receipt_mark",
    "receipt_tooltip",
    "sender_label",
    "state_text",
    "topic_text",
    "waiting_since",
]

# The server's chat_offer_timeout_s default: an offer not accepted by then goes back to the queue.
OFFER_TIMEOUT_S = 30.0
_LANGUAGES = {"zh": "中文", "en": "English", "ja": "日本語", "ko": "한국어"}


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def duration_text(seconds: float) -> str:
    """45 s / 3 min / 1 h 5 min: short enough for a list row."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return tr("{n} s", n=seconds)
    minutes = seconds // 60
    if minutes < 60:
        return tr("{n} min", n=minutes)
    return tr("{h} h {m} min", h=minutes // 60, m=minutes % 60)


def offer_seconds_left(
    conversation: Any, now: datetime | None = None, timeout_s: float = OFFER_TIMEOUT_S
) -> int:
    """Whole seconds until the offer goes back to the queue (0 when it has run out)."""
    offered_at = getattr(conversation, "offered_at", None)
    if offered_at is None:
        return 0
    now = now or datetime.now(UTC)
    left = timeout_s - (now - _aware(offered_at)).total_seconds()
    return max(0, int(left + 0.999))


def is_pending(message: Any) -> bool:
    """A local copy not yet confirmed by the server."""
    state = getattr(message, "state", None)
    return (state is not None and state != "sent") or getattr(message, "seq", None) in (None, 0)


def waiting_since(conversation: Any, messages: Sequence[Any]) -> datetime | None:
    """Since when the customer waits for us: their first message after our last answer, or the
    time the chat entered the queue when nobody has answered yet. None when we answered last."""
    first_unanswered: datetime | None = None
    for message in reversed(messages):
        if message.sender == "agent":
            break
        if message.sender == "customer":
            first_unanswered = message.created_at
    if first_unanswered is not None:
        return _aware(first_unanswered)
    if conversation.state in ("queued", "offered") and conversation.queued_at is not None:
        return _aware(conversation.queued_at)
    return None


def receipt_mark(message: Any, customer_read_seq: int) -> str:
    """For our own messages: 🕓 not sent yet, ✓ delivered, ✓✓ read by the customer."""
    if getattr(message, "state", None) == "failed":
        return "!"
    if is_pending(message):
        return "🕓"
    return "✓✓" if message.seq <= customer_read_seq else "✓"


def receipt_tooltip(mark: str) -> str:
    return {
        "!": tr("Not sent"),
        "🕓": tr("Waiting to be sent"),
        "✓": tr("Delivered"),
        "✓✓": tr("Read by the customer"),
    }.get(mark, "")


def sender_label(sender: str) -> str:
    return {
        "customer": tr("Customer"),
        "bot": tr("Bot"),
        "agent": tr("Agent"),
        "system": tr("System"),
    }.get(sender, sender)


def state_text(state: str) -> str:
    return {
        "bot": tr("With the bot"),
        "queued": tr("Waiting in the queue"),
        "offered": tr("Offered to you"),
        "active": tr("Active"),
        "ended": tr("Ended"),
    }.get(state, state)


def topic_text(topic: str | None) -> str:
    return category_label(topic) if topic else tr("Topic not detected")


def language_text(code: str) -> str:
    return _LANGUAGES.get(code, code)


def last_preview(messages: Sequence[Any], limit: int = 80) -> str:
    """The newest message as one line, for the list row."""
    for message in reversed(messages):
        text = " ".join(message.body.split())
        if not text and message.attachments:
            text = tr("📎 {name}", name=message.attachments[0].filename)
        if text:
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""
