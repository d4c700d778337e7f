"""Agents, sign-in and bearer tokens."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.api.schemas import AgentCreate, AgentOut, TokenOut
from console.core.domain import Role
from console.server.clock import utcnow
from console.server.errors import ApiError
from console.server.models import Agent, AuthToken
from console.server.security import (
    burn_password_check,
    hash_password,
    new_token,
    token_hash,
    verify_password,
)
from console.server.services import audit
from console.server.services.serialize import agent_out


def unauthorized(message: str = "Sign in first.") -> ApiError:
    return ApiError(401, "unauthorized", message)


def login(session: Session, username: str, password: str, ttl_s: float) -> TokenOut:
    agent = session.scalar(select(Agent).where(Agent.username == username))
    if agent is None:
        burn_password_check(password)
        raise ApiError(401, "invalid_credentials", "Wrong username or password.")
    if not verify_password(password, agent.password_hash):
        raise ApiError(401, "invalid_credentials", "Wrong username or password.")
    token = new_token()
    now = utcnow()
    expires_at = now + timedelta(seconds=ttl_s)
    session.add(
        AuthToken(
            token_hash=token_hash(token), agent_id=agent.id, created_at=now, expires_at=expires_at
        )
    )
    out = agent_out(agent)
    audit.record(session, out, "auth.signed_in", "agent", agent.id, at=now)
    return TokenOut(token=token, expires_at=expires_at, agent=out)


def authenticate(session: Session, token: str, now: datetime | None = None) -> AgentOut:
    row = session.get(AuthToken, token_hash(token))
    if row is None:
        raise unauthorized("The session is not valid; sign in again.")
    if row.expires_at <= (now or utcnow()):
        raise unauthorized("The session has expired; sign in again.")
    agent = session.get(Agent, row.agent_id)
    if agent is None:
        raise unauthorized("The session is not valid; sign in again.")
    return agent_out(agent)


def logout(session: Session, token: str, actor: AgentOut | None = None) -> None:
    session.execute(delete(AuthToken).where(AuthToken.token_hash == token_hash(token)))
    if actor is not None:
        audit.record(session, actor, "auth.signed_out", "agent", actor.id)


def purge_expired_tokens(session: Session) -> int:
    result = session.execute(delete(AuthToken).where(AuthToken.expires_at <= utcnow()))
    return int(getattr(result, "rowcount", 0) or 0)


def list_agents(session: Session) -> list[AgentOut]:
    return [agent_out(a) for a in session.scalars(select(Agent).order_by(Agent.id))]


def create_agent(session: Session, actor: AgentOut | None, data: AgentCreate) -> AgentOut:
    """Creates an agent; `actor` None is the system itself (seeding, command line)."""
    if actor is not None and actor.role != Role.SUPERVISOR:
        raise ApiError(403, "forbidden", "Only a supervisor can add agents.")
    if session.scalar(select(Agent.id).where(Agent.username == data.username)) is not None:
        raise ApiError(409, "conflict", f"The username {data.username!r} is taken.")
    agent = Agent(
        username=data.username,
        display_name=data.display_name,
        role=str(data.role),
        languages=list(data.languages),
        password_hash=hash_password(data.password),
        created_at=utcnow(),
    )
    session.add(agent)
    session.flush()
    if actor is not None:  # seeding and the command line are not a colleague's act
        detail = {"username": agent.username, "role": agent.role}
        audit.record(session, actor, "agent.created", "agent", agent.id, detail=detail)
    return agent_out(agent)
