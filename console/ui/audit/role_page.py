"""The audit page's entry on the rail (console.ui.shell.role_pages): supervisors and compliance
read the log; how the page is built the first time it is shown (its modules load only then)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.core.domain import Role
from console.ui.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.ui.shell.role_pages import RolePageContext

__all__ = ["GLYPH", "KEY", "ROLES", "build", "label"]

KEY = "audit"
GLYPH = "☰"
# As the server's role matrix has it for GET /audit.
ROLES = frozenset({str(Role.SUPERVISOR), str(Role.COMPLIANCE)})


def label() -> str:
    return tr("Audit log")


def build(context: RolePageContext) -> QWidget:
    from console.ui.audit.audit_page import AuditLogPage

    page = AuditLogPage(context.commands.audit)
    page.open_ticket.connect(context.window.open_ticket)  # type: ignore[attr-defined]
    return page
