"""The knowledge base: published articles, search, votes, flags and the revision review loop."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from console.api.schemas import ErrorBody
from console.api.schemas_kb import (
    MAX_KB_PAGE_SIZE,
    MAX_KB_QUERY_CHARS,
    MAX_KB_SEARCH_LIMIT,
    KbArticleOut,
    KbArticlePage,
    KbFeedbackCreate,
    KbFlagCreate,
    KbFlagOut,
    KbHitOut,
    KbRevisionCreate,
    KbRevisionDecision,
    KbRevisionOut,
    KbRevisionState,
    KbState,
)
from console.core.kb import KB_CATEGORIES, KB_LANGUAGES
from console.core.text_safety import text_problem
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.routes.deps import AgentDep, IdempotencyDep, RuntimeDep
from console.server.routes.mutation import run_mutation
from console.server.services import kb_articles, kb_review
from console.server.services.ticket_query import MAX_ID

router = APIRouter(prefix="/kb", tags=["knowledge base"])
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID)]
FlagId = Annotated[int, Path(ge=1, le=MAX_ID)]
RevisionId = Annotated[int, Path(ge=1, le=MAX_ID)]
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}, 422: {"model": ErrorBody}}
_DECISION_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    403: {"model": ErrorBody},
    409: {"model": ErrorBody},
}


def _invalid_query(name: str, message: str) -> ApiError:
    detail = [{"loc": ["query", name], "msg": message, "type": "value_error"}]
    return ApiError(422, "invalid_request", message, detail)


# --- reading ----------------------------------------------------------------------------------


@router.get("/articles", response_model=KbArticlePage, responses=_ERRORS)
def list_articles(
    runtime: RuntimeDep,
    _agent: AgentDep,
    after_id: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_KB_PAGE_SIZE)] = MAX_KB_PAGE_SIZE,
) -> KbArticlePage:
    with runtime.db.read() as session:
        return kb_articles.list_articles(session, after_id, limit)


@router.get("/articles/{article_id}", response_model=KbArticleOut, responses=_ERRORS)
def get_article(article_id: ArticleId, runtime: RuntimeDep, _agent: AgentDep) -> KbArticleOut:
    with runtime.db.read() as session:
        return kb_articles.get_article(session, article_id)


@router.get("/search", response_model=list[KbHitOut], responses=_ERRORS)
def search(
    runtime: RuntimeDep,
    _agent: AgentDep,
    q: Annotated[str, Query(max_length=MAX_KB_QUERY_CHARS)] = "",
    lang: Annotated[str | None, Query(max_length=10)] = None,
    category: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_KB_SEARCH_LIMIT)] = 20,
) -> list[KbHitOut]:
    problem = text_problem(q, multiline=False)
    if problem:
        raise _invalid_query("q", problem)
    if lang is not None and lang not in KB_LANGUAGES:
        raise _invalid_query("lang", f"Unknown language; one of: {', '.join(KB_LANGUAGES)}.")
    if category is not None and category not in KB_CATEGORIES:
        raise _invalid_query("category", "Unknown category.")
    return runtime.kb.search(runtime.db, q, lang=lang, category=category, limit=limit)


@router.get("/flags", response_model=list[KbFlagOut], responses=_ERRORS)
def list_flags(runtime: RuntimeDep, _agent: AgentDep, state: KbState = "open") -> list[KbFlagOut]:
    with runtime.db.read() as session:
        return kb_review.list_flags(session, state)


@router.get("/revisions", response_model=list[KbRevisionOut], responses=_ERRORS)
def list_revisions(
    runtime: RuntimeDep, _agent: AgentDep, state: KbRevisionState = "proposed"
) -> list[KbRevisionOut]:
    with runtime.db.read() as session:
        return kb_review.list_revisions(session, state)


@router.get(
    "/articles/{article_id}/revisions", response_model=list[KbRevisionOut], responses=_ERRORS
)
def article_history(
    article_id: ArticleId, runtime: RuntimeDep, _agent: AgentDep
) -> list[KbRevisionOut]:
    with runtime.db.read() as session:
        return kb_review.history(session, article_id)


# --- every agent ------------------------------------------------------------------------------


@router.post("/articles/{article_id}/feedback", response_model=KbArticleOut, responses=_ERRORS)
def give_feedback(
    article_id: ArticleId,
    body: KbFeedbackCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, kb_articles.give_feedback(session, agent, article_id, body)),
    )


@router.post(
    "/articles/{article_id}/flags", status_code=201, response_model=KbFlagOut, responses=_ERRORS
)
def flag_article(
    article_id: ArticleId,
    body: KbFlagCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (201, kb_review.create_flag(session, agent, article_id, body)),
    )


@router.post(
    "/articles/{article_id}/revisions",
    status_code=201,
    response_model=KbRevisionOut,
    responses={**_ERRORS, 409: {"model": ErrorBody}},
)
def propose_revision(
    article_id: ArticleId,
    body: KbRevisionCreate,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (201, kb_review.propose_revision(session, agent, article_id, body)),
    )


# --- owners and supervisors -------------------------------------------------------------------


@router.post("/flags/{flag_id}/resolve", response_model=KbFlagOut, responses=_DECISION_ERRORS)
def resolve_flag(
    flag_id: FlagId, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    return run_mutation(
        runtime, agent, idem, lambda session: (200, kb_review.resolve_flag(session, agent, flag_id))
    )


@router.post(
    "/articles/{article_id}/reviewed", response_model=KbArticleOut, responses=_DECISION_ERRORS
)
def mark_reviewed(
    article_id: ArticleId, runtime: RuntimeDep, agent: AgentDep, idem: IdempotencyDep
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (
            200,
            kb_articles.mark_reviewed(session, agent, article_id, utcnow().date()),
        ),
    )


@router.post(
    "/revisions/{revision_id}/approve", response_model=KbArticleOut, responses=_DECISION_ERRORS
)
def approve_revision(
    revision_id: RevisionId,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
    body: KbRevisionDecision | None = None,
) -> Response:
    decision = body or KbRevisionDecision()
    response = run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (
            200,
            kb_review.approve_revision(session, agent, revision_id, decision, utcnow().date()),
        ),
    )
    # Committed: this process's search finds the new wording from the next query on.
    runtime.kb.refresh(runtime.db, force=True)
    return response


@router.post(
    "/revisions/{revision_id}/reject", response_model=KbRevisionOut, responses=_DECISION_ERRORS
)
def reject_revision(
    revision_id: RevisionId,
    body: KbRevisionDecision,
    runtime: RuntimeDep,
    agent: AgentDep,
    idem: IdempotencyDep,
) -> Response:
    return run_mutation(
        runtime,
        agent,
        idem,
        lambda session: (200, kb_review.reject_revision(session, agent, revision_id, body)),
    )
