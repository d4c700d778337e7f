"""The VIP desk's entry on the rail (console.ui.shell.role_pages): its label, and how it is built
the first time it is shown (the page's modules load only then).

"Send message to selected…" on the portfolio goes to `console.ui.vip.outreach_dialog`'s
`open_outreach(parent, context, uids)` when that module is there; it is imported when asked for,
so the desk works without it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from console.core.domain import Role
from console.ui.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.ui.shell.role_pages import RolePageContext

__all__ = ["GLYPH", "KEY", "ROLES", "build", "label"]

log = logging.getLogger(__name__)

KEY = "vip"
GLYPH = "★"
ROLES = frozenset({str(Role.VIP_MANAGER), str(Role.SUPERVISOR)})


def label() -> str:
    return tr("VIP desk")


def build(context: RolePageContext) -> QWidget:
    from console.ui.vip.vip_actions import VipActions
    from console.ui.vip.vip_desk import VipDesk

    commands = context.commands
    window = context.window
    actions = VipActions(
        context.store,
        context.me.id,
        lambda: getattr(getattr(commands, "sync", None), "vip", None),
        parent=window,
    )
    agents = getattr(commands, "agents", None)

    def agent_names() -> dict[int, str]:
        return {a.id: a.display_name for a in agents()} if callable(agents) else {}

    desk = VipDesk(actions, context.me, agent_names=agent_names)
    desk.open_ticket.connect(window.open_ticket)  # type: ignore[attr-defined]
    desk.open_chat.connect(window.open_chat)  # type: ignore[attr-defined]
    desk.outreach_requested.connect(lambda uids: open_outreach(context, uids))
    desk.outreach_history_requested.connect(lambda: open_outreach_history(context))
    context.bridge.changed.connect(desk.on_changes)
    closing = getattr(window, "closing", None)
    if closing is not None:  # answers still on their way are dropped with the window
        closing.connect(actions.close)
    return desk


def open_outreach(context: RolePageContext, uids: list[str]) -> None:
    from console.ui.vip.outreach_dialog import open_outreach as open_dialog

    open_dialog(context.window, context, uids)


def open_outreach_history(context: RolePageContext) -> None:
    from console.ui.vip.outreach_history import open_outreach_history as open_history

    open_history(context.window, context)
