"""Who may see which VIP client: need-to-know, checked by the server for every VIP route.

A vip_manager reads and writes the clients they manage or back up, nothing else; a supervisor
reads every client (and every portfolio). The role matrix has already kept other roles out of
the routes; these checks are the finer, per-client ones.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, true
from sqlalchemy.orm import Session

from console.api.schemas import AgentOut
from console.core.domain import Role
from console.server.errors import ApiError, not_found
from console.server.models import Customer
from console.server.models_vip import VipClient

__all__ = [
    "forbidden",
    "load_client",
    "may_see",
    "portfolio_scope",
    "require_client",
    "require_own",
]


def forbidden(message: str) -> ApiError:
    return ApiError(403, "forbidden", message)


def may_see(agent: AgentOut, client: VipClient) -> bool:
    if agent.role == Role.SUPERVISOR:
        return True
    if agent.role == Role.VIP_MANAGER:
        return agent.id in (client.manager_id, client.backup_manager_id)
    return False


def load_client(
    session: Session, uid: str, *, for_update: bool = False
) -> tuple[VipClient, Customer]:
    """The desk record and the customer; 404 for a customer who is not on the VIP desk."""
    client = session.get(VipClient, uid, with_for_update=for_update)
    customer = session.get(Customer, uid) if client is not None else None
    if client is None or customer is None:
        raise not_found("VIP client")
    return client, customer


def require_client(
    session: Session, agent: AgentOut, uid: str, *, for_update: bool = False
) -> tuple[VipClient, Customer]:
    """The client, when `agent` may see them: 404 when not a VIP, 403 when not theirs."""
    client, customer = load_client(session, uid, for_update=for_update)
    if not may_see(agent, client):
        raise forbidden("This client is managed by someone else.")
    return client, customer


def require_own(agent: AgentOut, owner_id: int, what: str) -> None:
    """Notes and follow-ups are their author's alone: nobody else reads or changes them."""
    if agent.id != owner_id:
        raise forbidden(f"This {what} belongs to another manager.")


def portfolio_scope(agent: AgentOut, manager_id: int | None) -> ColumnElement[bool]:
    """The VipClient rows of a portfolio: a manager's own (primary and backup); a supervisor's
    choice of manager, or every client. A manager asking for someone else's gets 403."""
    if agent.role == Role.VIP_MANAGER:
        if manager_id not in (None, agent.id):
            raise forbidden("A manager sees their own portfolio only.")
        manager_id = agent.id
    elif agent.role != Role.SUPERVISOR:
        raise forbidden("Portfolios are for the VIP desk.")
    if manager_id is None:
        return true()
    return or_(VipClient.manager_id == manager_id, VipClient.backup_manager_id == manager_id)
