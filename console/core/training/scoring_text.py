"""Small pieces of the scoring's sentences: the report's language, a scenario text in it, and
durations as a trainee reads them."""

from __future__ import annotations

from .model import Texts
from .record import Step

__all__ = ["agent_steps", "duration", "excerpt", "is_zh", "points", "say", "seconds", "text_in"]

AGENT = "agent"


def is_zh(language: str) -> bool:
    """Chinese sentences for "zh" (and "zh-CN", "zh-Hans"...), English otherwise."""
    return language.strip().casefold().startswith("zh")


def say(zh: bool, chinese: str, english: str) -> str:
    return chinese if zh else english


def text_in(texts: Texts, language: str) -> str:
    """`texts` in `language`, else in English, else in whichever language it has."""
    for code in (language, "zh" if is_zh(language) else "en", "en"):
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")


def _number(value: float) -> str:
    rounded = round(value)
    return str(rounded) if abs(value - rounded) < 0.05 else f"{value:.1f}"


def seconds(value: float, zh: bool) -> str:
    """Seconds as seconds ("212 s", "212 秒"): response times are counted in seconds."""
    return f"{_number(value)} 秒" if zh else f"{_number(value)} s"


def duration(value: float, zh: bool) -> str:
    """A span in minutes where that reads better: "45 s", "5 min", "7 min 30 s"."""
    if value < 120 and round(value) % 60:
        return seconds(value, zh)
    minutes, rest = divmod(round(value), 60)
    if zh:
        return f"{minutes} 分钟" + (f" {rest} 秒" if rest else "")
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def excerpt(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def points(value: float, weight: int) -> float:
    return round(min(max(value, 0.0), float(weight)), 1)


def agent_steps(steps: list[Step]) -> list[Step]:
    return [step for step in steps if step.actor == AGENT]
