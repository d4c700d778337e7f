"""Wire objects of the training workspace for widget tests: a session with seats, a failed
attempt's report (with markup in the texts and a refused message), a quiz and its marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from console.api.schemas_training import (
    CommentOut,
    ItemScoreOut,
    QuizOut,
    QuizQuestionOut,
    QuizResultOut,
    QuizResultRow,
    ScenarioSummaryOut,
    SeatOut,
    SeatReportOut,
    StepOut,
    TraineeHistoryOut,
    TraineeHistoryRow,
    TrainingSessionOut,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOM = 4


def seat(seat_id: int, **overrides: Any) -> SeatOut:
    values: dict[str, Any] = {
        "id": seat_id,
        "session_id": 1,
        "trainee_id": 1,
        "trainee_name": "Alice Zhou",
        "scenario_id": "lost-2fa",
        "scenario_title": "New phone, authenticator gone",
        "position": 0,
        "state": "running",
        "started_at": START,
        "score": 35.0,
    }
    values.update(overrides)
    return SeatOut(**values)


def session(session_id: int = 1, **overrides: Any) -> TrainingSessionOut:
    values: dict[str, Any] = {
        "id": session_id,
        "title": "Class 3: account security",
        "trainer_id": TOM,
        "trainer_name": "Tom Becker",
        "language": "en",
        "state": "running",
        "created_at": START,
        "seats": [
            seat(11),
            seat(
                12,
                scenario_id="customer-pastes-seed-phrase",
                scenario_title="Customer pastes a seed phrase",
                position=1,
                state="waiting",
                started_at=None,
                score=None,
            ),
            seat(
                21,
                trainee_id=2,
                trainee_name="Bob Miller",
                state="finished",
                score=82.5,
                passed=True,
                finished_at=START + timedelta(minutes=9),
            ),
            seat(
                22,
                trainee_id=2,
                trainee_name="Bob Miller",
                position=1,
                state="finished",
                scenario_id="customer-pastes-seed-phrase",
                scenario_title="Customer pastes a seed phrase",
                score=64.0,
                failed=True,
                finished_at=START + timedelta(minutes=17),
            ),
        ],
    }
    values.update(overrides)
    return TrainingSessionOut(**values)


HOSTILE = "<b>bold</b> & <script>alert(1)</script>"


def failed_report() -> SeatReportOut:
    return SeatReportOut(
        seat=seat(
            22,
            trainee_id=2,
            trainee_name="Bob Miller",
            position=1,
            state="finished",
            scenario_id="customer-pastes-seed-phrase",
            scenario_title="Customer pastes a seed phrase",
            score=64.0,
            failed=True,
            finished_at=START + timedelta(minutes=17),
        ),
        items=[
            ItemScoreOut(kind="first_response", weight=20, points=20.0),
            ItemScoreOut(
                kind="expected",
                weight=40,
                points=26.7,
                lost=["Not done: told the customer to move the funds to a new wallet."],
            ),
            ItemScoreOut(
                kind="forbidden",
                weight=30,
                points=0.0,
                lost=["Asked for the seed phrase (forbidden)."],
            ),
            ItemScoreOut(kind="empathy", weight=10, points=7.3),
        ],
        total=64.0,
        failed=True,
        fail_reasons=["Asked the customer for their seed phrase."],
        first_response_s=42.0,
        resolved=False,
        expected_done=["Warned that the phrase is compromised", "Froze the account"],
        expected_missed=["Told the customer to move the funds to a new wallet"],
        forbidden_done=["Asked for the seed phrase"],
        transcript=[
            StepOut(
                at_s=0.0,
                actor="customer",
                action="customer",
                turn_id="opening",
                text="my wallet words are: apple banana ... is that what you need?",
            ),
            StepOut(at_s=42.0, actor="agent", action="reply", text=HOSTILE),
            StepOut(
                at_s=75.5,
                actor="agent",
                action="guard_blocked:asks_secret",
                text="Please send the full 12 words so I can check.",
            ),
            StepOut(at_s=61.0, actor="agent", action="freeze_account"),
            StepOut(
                at_s=130.0,
                actor="customer",
                action="customer",
                turn_id="worried",
                text="is my money safe??",
            ),
        ],
        comments=[
            CommentOut(
                id=1,
                seat_id=22,
                author_id=TOM,
                author_name="Tom Becker",
                body="Never ask for the words, even to check. <i>Never.</i>",
                created_at=START + timedelta(minutes=20),
            ),
        ],
    )


def scenarios() -> list[ScenarioSummaryOut]:
    return [
        ScenarioSummaryOut(
            id="lost-2fa",
            title={"zh": "换了手机，谷歌验证器没了", "en": "New phone, authenticator gone"},
            summary={"en": "2FA reset"},
            channel="chat",
            category="account_security",
            languages=["zh", "en"],
            time_limit_s=600,
        ),
        ScenarioSummaryOut(
            id="fee-question",
            title={"en": "A question about fees"},
            summary={"en": "fees"},
            channel="ticket",
            category="spot",
            languages=["en"],
            time_limit_s=600,
            edited=True,
        ),
    ]


def history() -> TraineeHistoryOut:
    def row(seat_id: int, session_id: int, minutes: int, score: float, **extra: Any) -> Any:
        values: dict[str, Any] = {
            "session_id": session_id,
            "session_title": f"Class {session_id}",
            "seat_id": seat_id,
            "scenario_id": "lost-2fa",
            "scenario_title": "New phone, authenticator gone",
            "score": score,
            "failed": False,
            "finished_at": START + timedelta(minutes=minutes),
        }
        values.update(extra)
        return TraineeHistoryRow(**values)

    return TraineeHistoryOut(
        trainee_id=2,
        trainee_name="Bob Miller",
        rows=[
            row(1, 1, 10, 55.0),
            row(5, 2, 100, 91.0),
            row(9, 3, 200, 74.0),
            row(10, 3, 220, 40.0, scenario_id="p2p-scam", scenario_title="P2P scam", failed=True),
        ],
    )


def quiz() -> QuizOut:
    return QuizOut(
        id=3,
        language="en",
        questions=[
            QuizQuestionOut(
                id=31,
                prompt="How long are withdrawals held after a 2FA reset?",
                choices=["1 hour", "24 hours", "7 days"],
                article_id=5,
                article_title="Resetting 2FA",
            ),
            QuizQuestionOut(
                id=32,
                prompt="Which of these may an agent ask for? <b>one</b>",
                choices=["The seed phrase", "The UID & the email", "The 2FA code"],
                article_id=8,
                article_title="Never ask for secrets",
            ),
        ],
    )


def quiz_result() -> QuizResultOut:
    return QuizResultOut(
        quiz_id=3,
        right=1,
        total=2,
        rows=[
            QuizResultRow(
                question_id=31,
                chosen=1,
                correct=1,
                right=True,
                article_id=5,
                article_title="Resetting 2FA",
            ),
            QuizResultRow(
                question_id=32,
                chosen=0,
                correct=1,
                right=False,
                article_id=8,
                article_title="Never ask for secrets",
            ),
        ],
    )
