"""The audit log in words: what an action means, what it was done to, and its details.

An action this console does not know yet (a newer server's) is shown as its code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from console.api.schemas_audit import AuditEntryOut
from console.ui.i18n import tr
from console.ui.labels import department_label, priority_label, role_label, status_label

__all__ = ["action_text", "actions", "category_text", "detail_text", "target_text"]


def _actions() -> dict[str, str]:
    return {
        "auth.signed_in": tr("Signed in"),
        "auth.signed_out": tr("Signed out"),
        "agent.created": tr("Added an agent"),
        "customer.viewed": tr("Opened the customer record"),
        "ticket.updated": tr("Changed the ticket"),
        "ticket.replied": tr("Replied to the customer"),
        "ticket.noted": tr("Added an internal note"),
        "ticket.merged": tr("Merged the ticket"),
        "ticket.linked": tr("Linked tickets"),
        "ticket.unlinked": tr("Unlinked tickets"),
        "escalation.created": tr("Escalated to a department"),
        "escalation.answered": tr("Answered an escalation"),
        "escalation.closed": tr("Closed an escalation"),
        "chat.accepted": tr("Accepted the chat"),
        "chat.transferred": tr("Transferred the chat"),
        "chat.ended": tr("Ended the chat"),
        "chat.converted": tr("Turned the chat into a ticket"),
        "kb.revision_approved": tr("Approved an article edit"),
        "kb.revision_rejected": tr("Rejected an article edit"),
        "sla.policy_changed": tr("Changed an SLA policy"),
        "guard.blocked": tr("Blocked message"),
    }


def actions() -> list[tuple[str, str]]:
    """(code, words) of the actions this console knows, for the filter."""
    return list(_actions().items())


def action_text(action: str) -> str:
    return _actions().get(action, action)


def category_text(category: str) -> str:
    names = {
        "asks_secret": tr("asked for a seed phrase or private key"),
        "asks_password": tr("asked for a password"),
        "asks_code": tr("asked for a 2FA or verification code"),
        "asks_remote_access": tr("asked for remote access"),
        "link_unofficial": tr("linked outside the official domains"),
        "link_lookalike": tr("linked to a look-alike domain"),
    }
    return names.get(category, category)


def target_text(entry: AuditEntryOut, names: Mapping[int, str] | None = None) -> str:
    kind, target = entry.target_kind, entry.target_id
    if kind == "ticket":
        return tr("Ticket #{id}", id=target)
    if kind == "customer":
        return tr("Customer {uid}", uid=target)
    if kind == "chat":
        return tr("Chat #{id}", id=target)
    if kind == "revision":
        return tr("Article edit #{id}", id=target)
    if kind == "escalation":
        return tr("Escalation #{id}", id=target)
    if kind == "agent":
        name = (names or {}).get(int(target)) if target.isdigit() else None
        return name or tr("Agent #{id}", id=target)
    if kind == "sla_policy":
        return tr("SLA policy: {priority}", priority=priority_label(target))
    return f"{kind} {target}"


def _agent(agent_id: Any, names: Mapping[int, str]) -> str:
    if agent_id is None:
        return tr("nobody")
    return names.get(agent_id, f"#{agent_id}") if isinstance(agent_id, int) else str(agent_id)


def _change(field: str, values: Any, names: Mapping[int, str]) -> str:
    before, after = values if isinstance(values, list) and len(values) == 2 else (None, values)
    if field == "status":
        return tr(
            "status {old} → {new}", old=status_label(str(before)), new=status_label(str(after))
        )
    if field == "priority":
        return tr(
            "priority {old} → {new}",
            old=priority_label(str(before)),
            new=priority_label(str(after)),
        )
    if field == "assignee_id":
        return tr("assignee {old} → {new}", old=_agent(before, names), new=_agent(after, names))
    return f"{field}: {values}"


def detail_text(entry: AuditEntryOut, names: Mapping[int, str] | None = None) -> str:
    """The entry's details in a line (plain text; never a message's text, the log has none).
    `names`: agents' display names by id, for the ids the details hold."""
    d, names = entry.detail, names or {}
    action = entry.action
    if action == "guard.blocked":
        what = tr("a reply") if d.get("kind") == "reply" else tr("a chat message")
        found = ", ".join(category_text(str(c)) for c in d.get("categories", []))
        where = tr("by the console") if d.get("source") == "console" else tr("by the server")
        return tr("{what} that {found}; stopped {where}", what=what, found=found, where=where)
    if action == "ticket.updated":
        return "; ".join(_change(field, values, names) for field, values in d.items())
    if action in ("ticket.replied", "ticket.noted"):
        return tr("message #{id}", id=d.get("message_id", "?"))
    if action == "ticket.merged":
        return tr("into ticket #{id}", id=d.get("into_id", "?"))
    if action in ("ticket.linked", "ticket.unlinked"):
        return tr("with ticket #{id}", id=d.get("other_id", "?"))
    if action.startswith("escalation.") and "department" in d:
        return department_label(str(d["department"]))
    if action == "chat.transferred":
        if d.get("to_skill"):
            return tr("to the {skill} queue", skill=d["to_skill"])
        return tr("to {agent}", agent=_agent(d.get("to_agent_id"), names))
    if action.startswith("kb.revision_"):
        return tr(
            "article #{id}, version {version}",
            id=d.get("article_id", "?"),
            version=d.get("version") or "–",
        )
    if action == "sla.policy_changed" and "minutes_after" in d:
        first, resolution = d["minutes_after"]
        return tr(
            "first response {first} min, resolution {resolution} min",
            first=first,
            resolution=resolution,
        )
    if action == "agent.created":
        return f"{d.get('username', '')} ({role_label(str(d.get('role', '')))})"
    return ", ".join(f"{key}: {value}" for key, value in d.items())
