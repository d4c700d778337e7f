"""SupportClient methods of mock-ticket training. A mixin over SupportClient's plumbing.

Two kinds of client call these: the live one (`enter_training`, `training_invitation`) and a
client of the training workspace, made from the pass `enter_training` returns (`for_training`
in client.py): every other method here is served by the training workspace only.
"""

from __future__ import annotations

from urllib.parse import quote

from pydantic import TypeAdapter

from console.api.client_base import RequestMixin
from console.api.client_responses import parse, parse_list
from console.api.schemas_training import (
    CommentCreate,
    CommentOut,
    QuizAnswersIn,
    QuizCreate,
    QuizOut,
    QuizResultOut,
    ScenarioSummaryOut,
    ScenarioTextIn,
    ScenarioTextOut,
    SeatReportOut,
    TraineeHistoryOut,
    TrainingInvitationOut,
    TrainingPassOut,
    TrainingSessionCreate,
    TrainingSessionOut,
)

_INVITATION = TypeAdapter(TrainingInvitationOut | None)
_SCENARIOS = TypeAdapter(list[ScenarioSummaryOut])
_SESSIONS = TypeAdapter(list[TrainingSessionOut])


def _scenario_path(scenario_id: str) -> str:
    return f"/training/scenarios/{quote(scenario_id, safe='')}"


class TrainingMethods(RequestMixin):
    # --- the live workspace -------------------------------------------------------------------

    async def enter_training(self) -> TrainingPassOut:
        return parse(await self._request("POST", "/training/enter"), TrainingPassOut)

    async def training_invitation(self) -> TrainingInvitationOut | None:
        return parse_list(await self._request("GET", "/training/invitation"), _INVITATION)

    # --- the training workspace ---------------------------------------------------------------

    async def training_scenarios(self) -> list[ScenarioSummaryOut]:
        return parse_list(await self._request("GET", "/training/scenarios"), _SCENARIOS)

    async def training_scenario_text(self, scenario_id: str) -> ScenarioTextOut:
        return parse(await self._request("GET", _scenario_path(scenario_id)), ScenarioTextOut)

    async def save_training_scenario(
        self, scenario_id: str, toml: str, *, idempotency_key: str | None = None
    ) -> ScenarioSummaryOut:
        response = await self._request(
            "PUT",
            _scenario_path(scenario_id),
            body=ScenarioTextIn(toml=toml),
            idempotency_key=idempotency_key,
        )
        return parse(response, ScenarioSummaryOut)

    async def start_training_session(
        self, data: TrainingSessionCreate, *, idempotency_key: str | None = None
    ) -> TrainingSessionOut:
        response = await self._request(
            "POST", "/training/sessions", body=data, idempotency_key=idempotency_key
        )
        return parse(response, TrainingSessionOut)

    async def training_sessions(self) -> list[TrainingSessionOut]:
        return parse_list(await self._request("GET", "/training/sessions"), _SESSIONS)

    async def training_session(self, session_id: int) -> TrainingSessionOut:
        return parse(
            await self._request("GET", f"/training/sessions/{session_id}"), TrainingSessionOut
        )

    async def end_training_session(
        self, session_id: int, *, idempotency_key: str | None = None
    ) -> TrainingSessionOut:
        response = await self._request(
            "POST", f"/training/sessions/{session_id}/end", idempotency_key=idempotency_key
        )
        return parse(response, TrainingSessionOut)

    async def seat_report(self, seat_id: int) -> SeatReportOut:
        return parse(await self._request("GET", f"/training/seats/{seat_id}/report"), SeatReportOut)

    async def comment_on_seat(
        self, seat_id: int, body: str, *, idempotency_key: str | None = None
    ) -> CommentOut:
        response = await self._request(
            "POST",
            f"/training/seats/{seat_id}/comments",
            body=CommentCreate(body=body),
            idempotency_key=idempotency_key,
        )
        return parse(response, CommentOut)

    async def trainee_history(self, agent_id: int) -> TraineeHistoryOut:
        return parse(
            await self._request("GET", f"/training/trainees/{agent_id}/history"),
            TraineeHistoryOut,
        )

    async def new_quiz(self, data: QuizCreate) -> QuizOut:
        return parse(await self._request("POST", "/training/quizzes", body=data), QuizOut)

    async def answer_quiz(self, quiz_id: int, answers: dict[int, int]) -> QuizResultOut:
        response = await self._request(
            "POST", f"/training/quizzes/{quiz_id}/answers", body=QuizAnswersIn(answers=answers)
        )
        return parse(response, QuizResultOut)
