"""The role matrix: which roles may call each operation of the API, enforced for every route.

One row per operation ("METHOD /api/v1/path-template", as in the OpenAPI document). A row is
`PUBLIC` (no sign-in), `CUSTOMER` (the chat widget's API: its own conversation token, checked by
those routes) or the set of roles allowed. An operation without a row is refused: a new route
must be given one (`bind_routes` stops the server from starting without it).

Enforcement sits in `current_agent`, the dependency every agent route already uses (it calls
`require_role` after its one lookup), so it costs dictionary lookups, not another query.
`known_operation` is added to every router and refuses an operation missing from the table
before anything else runs. Services keep their own finer checks (ownership, a chat being yours).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final, Literal

import fastapi.routing
from fastapi import Depends, FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from console.api.schemas import API_PREFIX, AgentOut
from console.core.domain import Role
from console.server.errors import ApiError

__all__ = [
    "CUSTOMER",
    "KNOWN_OPERATION",
    "MATRIX",
    "PUBLIC",
    "api_operations",
    "bind_routes",
    "known_operation",
    "operation_key",
    "require_role",
    "role_allowed",
]

PUBLIC: Final = "public"
CUSTOMER: Final = "customer"
Access = frozenset[Role] | Literal["public", "customer"]

A, V, T, S, C = Role.AGENT, Role.VIP_MANAGER, Role.TRAINER, Role.SUPERVISOR, Role.COMPLIANCE
EVERYONE: Final = frozenset({A, V, T, S, C})
# Who works the queue: replies, ticket changes, chats. Compliance reads everything but acts
# through its own channel (AML decisions), never towards the customer.
DESK: Final = frozenset({A, V, T, S})
# Account actions on funds and identity: trainers work in training mode and do none of them.
ACCOUNT: Final = frozenset({A, V, S})
SUPERVISOR: Final = frozenset({S})
OVERSIGHT: Final = frozenset({S, C})
COMPLIANCE: Final = frozenset({C})
VIP_MANAGER: Final = frozenset({V})
VIP_DESK: Final = frozenset({V, S})
# Who runs training: authors scenarios, starts sessions, reviews and comments.
TRAINING: Final = frozenset({T, S})

_P = API_PREFIX

# fmt: off
MATRIX: Final[dict[str, Access]] = {
    # --- no sign-in: the sign-in screen -------------------------------------------------------
    f"GET {_P}/workspace": PUBLIC,
    f"GET {_P}/health": PUBLIC,
    f"POST {_P}/auth/login": PUBLIC,
    # --- the session and the team -------------------------------------------------------------
    f"POST {_P}/auth/logout": EVERYONE,
    f"GET {_P}/me": EVERYONE,
    f"GET {_P}/agents": EVERYONE,
    f"POST {_P}/agents": SUPERVISOR,             # new colleagues: the supervisor only
    f"GET {_P}/events": EVERYONE,
    f"GET {_P}/events/stream": EVERYONE,
    f"GET {_P}/macros": EVERYONE,
    f"GET {_P}/sla-policies": EVERYONE,
    f"PUT {_P}/sla-policies/{{priority}}": SUPERVISOR,
    # --- tickets: everyone reads, the desk works them ------------------------------------------
    f"GET {_P}/tickets": EVERYONE,
    f"POST {_P}/tickets": DESK,
    f"GET {_P}/tickets/{{ticket_id}}": EVERYONE,
    f"PATCH {_P}/tickets/{{ticket_id}}": DESK,
    f"GET {_P}/tickets/{{ticket_id}}/messages": EVERYONE,
    f"POST {_P}/tickets/{{ticket_id}}/messages": DESK,   # replies and notes
    f"POST {_P}/tickets/{{ticket_id}}/merge": DESK,
    f"POST {_P}/tickets/{{ticket_id}}/links": DESK,
    f"DELETE {_P}/tickets/{{ticket_id}}/links/{{other_id}}": DESK,
    f"GET {_P}/tickets/{{ticket_id}}/escalations": EVERYONE,
    f"POST {_P}/tickets/{{ticket_id}}/escalations": DESK,
    # The supervisor answers for a department in the demo; in a team the department does.
    f"POST {_P}/escalations/{{escalation_id}}/answer": SUPERVISOR,
    f"POST {_P}/escalations/{{escalation_id}}/close": DESK,
    # Presence is only "who is looking": compliance reading a ticket shows up like anyone.
    f"GET {_P}/tickets/{{ticket_id}}/presence": EVERYONE,
    f"POST {_P}/tickets/{{ticket_id}}/presence": EVERYONE,
    f"POST {_P}/attachments": DESK,
    f"GET {_P}/attachments/{{attachment_id}}": EVERYONE,
    # Customer records are personal data: every opening is audited (customer.viewed).
    f"GET {_P}/customers/{{uid}}": EVERYONE,
    # --- live chat: everyone reads, the desk chats --------------------------------------------
    f"GET {_P}/chat/status": EVERYONE,
    f"PUT {_P}/chat/status": DESK,
    f"GET {_P}/chats": EVERYONE,
    f"GET {_P}/chats/{{conversation_id}}": EVERYONE,
    f"GET {_P}/chats/{{conversation_id}}/messages": EVERYONE,
    f"POST {_P}/chats/{{conversation_id}}/accept": DESK,
    f"POST {_P}/chats/{{conversation_id}}/decline": DESK,
    f"POST {_P}/chats/{{conversation_id}}/end": DESK,
    f"POST {_P}/chats/{{conversation_id}}/messages": DESK,
    f"POST {_P}/chats/{{conversation_id}}/attachments": DESK,
    f"PUT {_P}/chats/{{conversation_id}}/typing": DESK,
    f"POST {_P}/chats/{{conversation_id}}/read": DESK,
    f"POST {_P}/chats/{{conversation_id}}/transfer": DESK,
    f"POST {_P}/chats/{{conversation_id}}/convert": DESK,
    f"GET {_P}/chat-attachments/{{attachment_id}}": EVERYONE,
    # --- the customer's chat widget -----------------------------------------------------------
    f"POST {_P}/customer/chats": CUSTOMER,
    f"GET {_P}/customer/chats/{{conversation_id}}": CUSTOMER,
    f"POST {_P}/customer/chats/{{conversation_id}}/messages": CUSTOMER,
    f"POST {_P}/customer/chats/{{conversation_id}}/attachments": CUSTOMER,
    f"GET {_P}/customer/chats/{{conversation_id}}/attachments/{{attachment_id}}": CUSTOMER,
    f"PUT {_P}/customer/chats/{{conversation_id}}/typing": CUSTOMER,
    f"POST {_P}/customer/chats/{{conversation_id}}/read": CUSTOMER,
    f"POST {_P}/customer/chats/{{conversation_id}}/end": CUSTOMER,
    f"POST {_P}/customer/chats/{{conversation_id}}/rating": CUSTOMER,
    # --- knowledge base: everyone reads and suggests; owners and supervisors maintain ---------
    f"GET {_P}/kb/articles": EVERYONE,
    f"GET {_P}/kb/articles/{{article_id}}": EVERYONE,
    f"GET {_P}/kb/search": EVERYONE,
    f"GET {_P}/kb/flags": EVERYONE,
    f"GET {_P}/kb/revisions": EVERYONE,
    f"GET {_P}/kb/articles/{{article_id}}/revisions": EVERYONE,
    f"POST {_P}/kb/articles/{{article_id}}/feedback": EVERYONE,
    f"POST {_P}/kb/articles/{{article_id}}/flags": EVERYONE,
    f"POST {_P}/kb/articles/{{article_id}}/revisions": EVERYONE,
    # Any article owner (of any role); the service refuses non-owners (403 forbidden).
    f"POST {_P}/kb/flags/{{flag_id}}/resolve": EVERYONE,
    f"POST {_P}/kb/articles/{{article_id}}/reviewed": EVERYONE,
    f"POST {_P}/kb/revisions/{{revision_id}}/approve": SUPERVISOR,
    f"POST {_P}/kb/revisions/{{revision_id}}/reject": SUPERVISOR,
    # --- audit --------------------------------------------------------------------------------
    f"GET {_P}/audit": OVERSIGHT,
    f"POST {_P}/audit/guard-blocks": EVERYONE,   # the console reports what it kept back
    # --- identity verification and account actions -------------------------------------------
    f"GET {_P}/tickets/{{ticket_id}}/verification": frozenset({A, V, S, C}),
    f"POST {_P}/tickets/{{ticket_id}}/verification": ACCOUNT,
    f"GET {_P}/chats/{{conversation_id}}/verification": frozenset({A, V, S, C}),
    f"POST {_P}/chats/{{conversation_id}}/verification": ACCOUNT,
    f"GET {_P}/customers/{{uid}}/actions": frozenset({A, V, S, C}),
    f"POST {_P}/customers/{{uid}}/actions": ACCOUNT,   # freeze, reset 2FA, change email...
    # --- suspicious activity (AML): anyone who sees it reports; only compliance decides ------
    f"POST {_P}/aml/reports": frozenset({A, V, S, C}),
    f"GET {_P}/aml/reports/mine": frozenset({A, V, S, C}),   # receipts, never the outcome
    f"GET {_P}/aml/reports": COMPLIANCE,
    f"GET {_P}/aml/reports/{{report_id}}": COMPLIANCE,
    f"POST {_P}/aml/reports/{{report_id}}/decision": COMPLIANCE,
    # --- the VIP desk: managers their own clients (services check which), supervisors all ----
    f"GET {_P}/vip/tiers": EVERYONE,
    f"PUT {_P}/vip/tiers/{{tier}}": SUPERVISOR,
    f"GET {_P}/vip/portfolio": VIP_DESK,                  # ?manager_id= for a supervisor
    f"GET {_P}/vip/clients/{{uid}}": VIP_DESK,
    f"PUT {_P}/vip/clients/{{uid}}/assignment": SUPERVISOR,
    f"GET {_P}/vip/clients/{{uid}}/notes": VIP_MANAGER,   # the caller's own notes only
    f"POST {_P}/vip/clients/{{uid}}/notes": VIP_MANAGER,
    f"GET {_P}/vip/notes/{{note_id}}": VIP_MANAGER,       # 403 for another manager's note
    f"POST {_P}/vip/clients/{{uid}}/follow-ups": VIP_MANAGER,
    f"PATCH {_P}/vip/follow-ups/{{follow_up_id}}": VIP_MANAGER,
    f"POST {_P}/vip/clients/{{uid}}/contacts": VIP_MANAGER,
    f"GET {_P}/vip/outreach": VIP_DESK,
    f"POST {_P}/vip/outreach": VIP_DESK,
    f"GET {_P}/vip/outreach/{{outreach_id}}": VIP_DESK,
    # --- training: the live side only hands out a training token and says who is invited ----
    f"POST {_P}/training/enter": DESK,
    f"GET {_P}/training/invitation": DESK,
    # --- training: served by the training workspace alone (its own database and tokens) ------
    f"GET {_P}/training/scenarios": DESK,
    f"GET {_P}/training/scenarios/{{scenario_id}}": TRAINING,
    f"PUT {_P}/training/scenarios/{{scenario_id}}": TRAINING,
    f"GET {_P}/training/sessions": DESK,                    # trainees: their own sessions
    f"POST {_P}/training/sessions": TRAINING,
    f"GET {_P}/training/sessions/{{session_id}}": DESK,     # trainees: a session they sit in
    f"POST {_P}/training/sessions/{{session_id}}/end": TRAINING,
    f"GET {_P}/training/seats/{{seat_id}}/report": DESK,    # trainees: their own seats
    f"POST {_P}/training/seats/{{seat_id}}/comments": TRAINING,
    f"GET {_P}/training/trainees/{{agent_id}}/history": DESK,  # trainees: their own
    f"POST {_P}/training/quizzes": DESK,
    f"POST {_P}/training/quizzes/{{quiz_id}}/answers": DESK,
}
# fmt: on


def operation_key(method: str, path_template: str) -> str:
    return f"{method.upper()} {path_template}"


def role_allowed(operation: str, role: str) -> bool:
    """True when `role` may call `operation`; False for an operation without a row."""
    access = MATRIX.get(operation)
    if access is None or isinstance(access, str):
        return False
    return role in access


def role_forbidden(role: str) -> ApiError:
    return ApiError(403, "role_forbidden", f"The {role} role cannot do this.")


def _operation(request: Request) -> str | None:
    """The request's operation key, from the table `bind_routes` built (None: not in it)."""
    table: dict[tuple[int, str], str] = getattr(request.app.state, _STATE_KEY, {})
    return table.get((id(request.scope.get("route")), request.method))


async def known_operation(request: Request) -> None:
    """On every router: an operation missing from the matrix is refused before it runs."""
    if _operation(request) is None:
        raise ApiError(403, "role_forbidden", "This operation is not open to anyone.")


def require_role(request: Request, agent: AgentOut) -> None:
    """Raises 403 role_forbidden unless the matrix allows `agent`'s role this operation.

    Called by `current_agent` right after its one lookup, so every agent route is covered at
    the cost of two dictionary lookups."""
    operation = _operation(request)
    if operation is None or not role_allowed(operation, str(agent.role)):
        raise role_forbidden(str(agent.role))


def api_operations(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    """(operation key, route) of every API operation of `app`.

    Recent FastAPI keeps an included router's routes as they are (a request's scope["route"]
    is the router's own, with the path relative to its prefix) and lists them through
    `iter_route_contexts`; earlier versions copied them into app.routes with the full path.
    """
    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    if contexts is None:
        pairs: Iterable[tuple[object, object]] = (
            (getattr(r, "path_format", ""), r) for r in app.routes
        )
    else:
        pairs = ((c.path_format, c.original_route) for c in contexts(app.routes))
    for path_format, route in pairs:
        if isinstance(route, APIRoute):
            for method in sorted(route.methods or ()):
                yield operation_key(method, str(path_format)), route


def _uses(dependant: Dependant, call: object) -> bool:
    return any(d.call is call or _uses(d, call) for d in dependant.dependencies)


def bind_routes(app: FastAPI) -> None:
    """Check that every API route has a row, and that a route for signed-in roles really signs
    the agent in; then index the rows by route for request time.

    Raises RuntimeError naming what is wrong: the server refuses to start rather than serve an
    operation nobody decided about.
    """
    from console.server.routes.deps import current_agent  # deps calls require_role

    problems: list[str] = []
    table: dict[tuple[int, str], str] = {}
    for operation, route in api_operations(app):
        access = MATRIX.get(operation)
        if access is None:
            problems.append(f"{operation}: no row in the role matrix")
        elif not isinstance(access, str) and not _uses(route.dependant, current_agent):
            problems.append(f"{operation}: limited to roles but signs nobody in")
        key = (id(route), operation.split(" ", 1)[0])
        if table.setdefault(key, operation) != operation:
            problems.append(f"{operation}: one route under two paths")
    if problems:
        raise RuntimeError("role matrix: " + "; ".join(problems))
    setattr(app.state, _STATE_KEY, table)


_STATE_KEY = "role_matrix_routes"
KNOWN_OPERATION = Depends(known_operation)
