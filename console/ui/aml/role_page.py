"""The compliance page's entry on the rail (console.ui.shell.role_pages): its label, and how it
is built the first time it is shown (the page's modules load only then)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.core.domain import Role
from console.ui.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.ui.shell.role_pages import RolePageContext

__all__ = ["GLYPH", "KEY", "ROLES", "build", "label"]

KEY = "compliance"
GLYPH = "⚖"
ROLES = frozenset({str(Role.COMPLIANCE)})


def label() -> str:
    # Short: the rail is narrow, and "Compliance" was cut to "Com…nce".
    return tr("AML queue")


def build(context: RolePageContext) -> QWidget:
    from console.ui.aml.compliance_page import CompliancePage

    page = CompliancePage(context.commands.aml, context.me.id)
    page.open_ticket.connect(context.window.open_ticket)  # type: ignore[attr-defined]
    return page
