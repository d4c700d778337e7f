"""Knowledge-base quizzes: fill-in-the-number questions made from the workspace's articles.

A question is a sentence of an article (its summary or body, in the asked language) with the one
number in it blanked out: "Withdrawals are locked for ____ hours after any 2FA change." The
choices are that number and three others, taken from other sentences of the knowledge base (or,
when there are too few, near it). Numbers are what agents get wrong on the floor — limits,
waiting times, fees — and a blanked number has one right answer. The question names its article,
so a trainee can read up afterwards.

The right answers stay on the server (training_quizzes); the questions go out without them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.api.schemas_training import (
    QuizAnswersIn,
    QuizCreate,
    QuizOut,
    QuizQuestionOut,
    QuizResultOut,
    QuizResultRow,
)
from console.core.kb.markdown import clean_text, markdown_to_text
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models_kb import KbArticle
from console.server.models_training import TrainingQuiz

__all__ = ["BLANK", "answer_quiz", "candidates", "create_quiz"]

BLANK = "____"
CHOICES = 4
# A number standing on its own: not part of a word or a code (TRC20, 2FA, v1.2.3).
_NUMBER = re.compile(r"(?<![A-Za-z0-9.,_])\d+(?:[.,]\d+)?(?![0-9A-Za-z_]|[.,]\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
_LIST_MARK = re.compile(r"^\s*(?:\d+\.|[-*])\s+")
_MIN_CHARS, _MAX_CHARS = 12, 240
_LEAD = {
    "zh": "填空：",
    "en": "Fill in the blank: ",
    "ja": "空欄を埋めてください：",
    "ko": "빈칸을 채우세요: ",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that makes a question: its article, the text around the number, the number."""

    article_id: int
    title: str
    blanked: str  # the sentence with BLANK where the number was
    number: str


def _sentences(text: str) -> Iterator[str]:
    for line in text.splitlines():
        line = _LIST_MARK.sub("", line).strip()
        for part in _SENTENCE_END.split(line):
            part = " ".join(part.split())
            if _MIN_CHARS <= len(part) <= _MAX_CHARS:
                yield part


def candidates(article: KbArticle, language: str) -> list[Candidate]:
    locale = (article.locales or {}).get(language)
    if not locale or not locale.get("title"):
        return []
    title = clean_text(locale["title"])
    text = "\n".join(
        (clean_text(locale.get("summary", "")), markdown_to_text(locale.get("body", "")))
    )
    found: list[Candidate] = []
    seen: set[str] = set()
    for sentence in _sentences(text):
        numbers = list(_NUMBER.finditer(sentence))
        if len(numbers) != 1 or sentence in seen or "kb:" in sentence or "://" in sentence:
            continue
        seen.add(sentence)
        m = numbers[0]
        blanked = f"{sentence[: m.start()]}{BLANK}{sentence[m.end() :]}"
        found.append(Candidate(article.id, title, blanked, m.group()))
    return found


def _near(number: str) -> list[str]:
    """Plausible wrong answers when the knowledge base has too few other numbers."""
    try:
        value = float(number.replace(",", "."))
    except ValueError:
        return []
    near = [value * 2, value + 1, value / 2, value * 10, value + 5]
    out = []
    for n in near:
        text = str(int(n)) if float(n).is_integer() else f"{n:g}"
        if text != number and n > 0:
            out.append(text)
    return out


def _choices(right: str, pool: list[str], rng: random.Random) -> tuple[list[str], int]:
    others = sorted({n for n in pool if n != right})
    wrong = rng.sample(others, min(CHOICES - 1, len(others)))
    for extra in _near(right):
        if len(wrong) >= CHOICES - 1:
            break
        if extra not in wrong:
            wrong.append(extra)
    choices = [right, *wrong]
    rng.shuffle(choices)
    return choices, choices.index(right)


def _pick(pool: list[Candidate], count: int, rng: random.Random) -> list[Candidate]:
    """One sentence per article while articles last, then more from the same ones."""
    by_article: dict[int, list[Candidate]] = {}
    for c in pool:
        by_article.setdefault(c.article_id, []).append(c)
    order = sorted(by_article)
    rng.shuffle(order)
    picked: list[Candidate] = []
    while len(picked) < count and any(by_article[a] for a in order):
        for article_id in order:
            left = by_article[article_id]
            if left and len(picked) < count:
                picked.append(left.pop(rng.randrange(len(left))))
    return picked


def create_quiz(session: Session, agent: AgentOut, data: QuizCreate) -> QuizOut:
    query = select(KbArticle).order_by(KbArticle.id)
    if data.category:
        query = query.where(KbArticle.category == data.category)
    pool = [c for article in session.scalars(query) for c in candidates(article, data.language)]
    if not pool:
        raise ApiError(
            422,
            "invalid_request",
            "The knowledge base has no article to quiz on in this language and category.",
            [{"loc": ["body", "category"], "msg": "no articles", "type": "value_error"}],
        )
    # Seeded by who asks and how many quizzes they had: repeatable, and a new quiz each time.
    earlier = session.scalar(
        select(func.count(TrainingQuiz.id)).where(TrainingQuiz.agent_id == agent.id)
    )
    rng = random.Random(f"{agent.id}:{data.language}:{data.category}:{earlier}")
    numbers = [c.number for c in pool]
    lead = _LEAD.get(data.language, _LEAD["en"])
    questions = []
    for index, c in enumerate(_pick(pool, data.questions, rng), start=1):
        choices, correct = _choices(c.number, numbers, rng)
        questions.append(
            {
                "id": index,
                "prompt": f"{lead}{c.blanked}",
                "choices": choices,
                "correct": correct,
                "article_id": c.article_id,
                "article_title": c.title,
            }
        )
    quiz = TrainingQuiz(
        agent_id=agent.id, language=data.language, questions=questions, created_at=utcnow()
    )
    session.add(quiz)
    session.flush()
    return QuizOut(
        id=quiz.id,
        language=quiz.language,
        questions=[QuizQuestionOut.model_validate(q) for q in questions],
    )


def answer_quiz(
    session: Session, agent: AgentOut, quiz_id: int, data: QuizAnswersIn
) -> QuizResultOut:
    quiz = session.get(TrainingQuiz, quiz_id)
    if quiz is None:
        raise ApiError(404, "not_found", "Quiz not found.")
    if quiz.agent_id != agent.id:
        raise ApiError(403, "forbidden", "This is another agent's quiz.")
    if quiz.answered_at is not None:
        raise ApiError(409, "conflict", "This quiz was answered already.")
    by_id = {q["id"]: q for q in quiz.questions}
    for question_id, chosen in data.answers.items():
        question = by_id.get(question_id)
        if question is None or not 0 <= chosen < len(question["choices"]):
            raise ApiError(
                422,
                "invalid_request",
                f"No choice {chosen} in question {question_id}.",
                [{"loc": ["body", "answers", str(question_id)], "msg": "no such choice"}],
            )
    rows = []
    for q in quiz.questions:
        picked = data.answers.get(q["id"])
        rows.append(
            QuizResultRow(
                question_id=q["id"],
                chosen=picked,
                correct=q["correct"],
                right=picked == q["correct"],
                article_id=q["article_id"],
                article_title=q["article_title"],
            )
        )
    quiz.right = sum(1 for r in rows if r.right)
    quiz.answered_at = utcnow()
    return QuizResultOut(quiz_id=quiz.id, right=quiz.right, total=len(rows), rows=rows)
