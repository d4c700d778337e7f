"""The words of a VIP desk alert, in the agent's language: the server's alert line is English for
logs, so the heading and the sentence are built here from the kind, the client and the tier.

The client's name is customer text (plain, never rich); a follow-up's own title is the manager's
text and is shown as they typed it.
"""

from __future__ import annotations

from typing import Any

from console.core.vip import LARGE_WITHDRAWAL_USD
from console.ui.i18n import tr

__all__ = ["CLIENT_KINDS", "VIP_KINDS", "vip_alert_text"]

VIP_KINDS = frozenset(
    {"vip_message", "vip_large_withdrawal", "vip_security_event", "vip_follow_up_due"}
)
# Alerts about the client rather than one of their threads: a click opens the client's page
# when the window can show one.
CLIENT_KINDS = frozenset({"vip_large_withdrawal", "vip_security_event", "vip_follow_up_due"})
# The server's line for a due follow-up is this prefix and the manager's own title.
_FOLLOW_UP_PREFIX = "Follow-up due: "


def _heading(kind: str, tier: int) -> str:
    headings = {
        "vip_message": tr("VIP {tier} · The client wrote", tier=tier),
        "vip_large_withdrawal": tr("VIP {tier} · Large withdrawal to review", tier=tier),
        "vip_security_event": tr("VIP {tier} · Security event", tier=tier),
        "vip_follow_up_due": tr("VIP {tier} · Follow-up due", tier=tier),
    }
    return headings.get(kind, tr("VIP {tier}", tier=tier))


def _sentence(kind: str, line: str, ticket_id: int, conversation_id: int | None) -> str:
    if kind == "vip_message":
        if conversation_id is not None:
            return tr(
                "New message in chat #{id}. Answer before the target runs out.", id=conversation_id
            )
        if ticket_id:
            return tr(
                "New message on ticket #{id}. Answer before the target runs out.", id=ticket_id
            )
        return tr("The client is waiting for an answer.")
    if kind == "vip_large_withdrawal":
        return tr(
            "A withdrawal of over ${amount} is pending review: the client may ask about it.",
            amount=f"{LARGE_WITHDRAWAL_USD:,.0f}",
        )
    if kind == "vip_security_event":
        return tr("New device, password or 2FA change on the account: make sure it was the client.")
    if kind == "vip_follow_up_due":
        what = line.removeprefix(_FOLLOW_UP_PREFIX).strip()
        return tr("Your follow-up is due: {what}", what=what) if what else tr("A follow-up is due.")
    return line


def vip_alert_text(notification: Any) -> tuple[str, str, str]:
    """(heading, title, body) of a VIP alert notification (sync's Notification)."""
    kind = str(getattr(notification, "kind", ""))
    tier = int(getattr(notification, "vip_tier", 0) or 0)
    name = str(getattr(notification, "title", "") or "")
    line = str(getattr(notification, "body", "") or "")
    ticket_id = int(getattr(notification, "ticket_id", 0) or 0)
    conversation_id = getattr(notification, "conversation_id", None)
    title = name or str(getattr(notification, "client_uid", "") or "")
    return _heading(kind, tier), title, _sentence(kind, line, ticket_id, conversation_id)
