"""Pages only some roles have (the audit log, the compliance queue): one entry each.

The window adds a rail button for each entry the signed-in role may see, and builds the page
the first time it is shown, so nobody pays for pages they do not open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.api.schemas import AgentOut
    from console.store import Store
    from console.ui.change_bridge import ChangeBridge

__all__ = ["ROLE_PAGES", "RolePage", "RolePageContext", "pages_for"]


@dataclass(frozen=True, slots=True)
class RolePageContext:
    """What a page may use: the window, the local store and its change feed, the session's
    command objects (`commands`, with attributes such as `audit`), and the agent."""

    window: QWidget
    store: Store
    bridge: ChangeBridge
    commands: Any
    me: AgentOut


@dataclass(frozen=True, slots=True)
class RolePage:
    key: str
    glyph: str
    label: Callable[[], str]  # translated when called
    roles: frozenset[str]
    # Imports its widget module when called: keep page modules out of the start-up path.
    build: Callable[[RolePageContext], QWidget]


# Entries are added below, one per page; the order here is the order on the rail.
ROLE_PAGES: list[RolePage] = []

# Suspicious-activity reports: the queue and the decision (console/ui/aml).
from console.ui.aml import role_page as _aml  # noqa: E402

ROLE_PAGES.append(RolePage(_aml.KEY, _aml.GLYPH, _aml.label, _aml.ROLES, _aml.build))

# The audit log: supervisors and compliance (console/ui/audit).
from console.ui.audit import role_page as _audit  # noqa: E402

ROLE_PAGES.append(RolePage(_audit.KEY, _audit.GLYPH, _audit.label, _audit.ROLES, _audit.build))

# The VIP desk: a manager's portfolio and client pages; supervisors see every portfolio.
from console.ui.vip import role_page as _vip  # noqa: E402

ROLE_PAGES.append(RolePage(_vip.KEY, _vip.GLYPH, _vip.label, _vip.ROLES, _vip.build))

# Training: a trainer's sessions and scenarios, a trainee's results (console/ui/training).
from console.ui.training import role_page as _training  # noqa: E402

ROLE_PAGES.append(
    RolePage(_training.KEY, _training.GLYPH, _training.label, _training.ROLES, _training.build)
)


def pages_for(role: str) -> list[RolePage]:
    return [page for page in ROLE_PAGES if role in page.roles]
