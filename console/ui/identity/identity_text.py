"""The identity views' words: checks, actions, what is missing, and why something was not done."""

from __future__ import annotations

from typing import Any

from console.api.errors import ApiError, ServerUnreachable
from console.core.identity import ActionKind, Check, Shortfall
from console.ui.i18n import tr

__all__ = [
    "action_label",
    "check_hint",
    "check_label",
    "failure_text",
    "shortfall_from",
    "shortfall_text",
]


def check_label(check: str) -> str:
    return {
        Check.REGISTERED_CONTACT: tr("Contact from the registered email or app session"),
        Check.KYC_DETAILS: tr("KYC details match"),
        Check.RECENT_TRANSACTION: tr("A recent transaction matches the records"),
        Check.LIVENESS: tr("Face check done in the official app"),
        Check.DEVICE_HISTORY: tr("Devices and logins consistent"),
    }.get(check, check)


def check_hint(check: str) -> str:
    return {
        Check.REGISTERED_CONTACT: tr(
            "The message came from the registered email address or a signed-in session of our app."
        ),
        Check.KYC_DETAILS: tr(
            "Name, date of birth and the last digits of the ID document match the KYC record."
        ),
        Check.RECENT_TRANSACTION: tr(
            "The customer described a recent deposit or withdrawal (asset, amount, about when) "
            "and it matches the records."
        ),
        Check.LIVENESS: tr(
            "You started a face check and the customer completed it in the official app."
        ),
        Check.DEVICE_HISTORY: tr(
            "The devices and login places in the records fit what the customer told you."
        ),
    }.get(check, "")


def action_label(kind: str) -> str:
    return {
        ActionKind.FREEZE: tr("Emergency freeze"),
        ActionKind.UNFREEZE: tr("Unfreeze account"),
        ActionKind.RESET_2FA: tr("Reset 2FA"),
        ActionKind.CHANGE_EMAIL: tr("Change email"),
        ActionKind.INVESTIGATE_WITHDRAWAL: tr("Investigate a withdrawal"),
        ActionKind.WHITELIST_ADDRESS: tr("Whitelist an address"),
    }.get(kind, kind)


def shortfall_text(shortfall: Shortfall) -> str:
    """'Needs: …' for what an action lacks; 'Verified for this' when nothing."""
    if not shortfall:
        return tr("Verified for this.")
    parts = []
    if shortfall.checks:
        parts.append(", ".join(check_label(c) for c in shortfall.checks))
    if shortfall.more:
        parts.append(
            tr(
                "{n} more of: {checks}",
                n=shortfall.more,
                checks=", ".join(check_label(c) for c in shortfall.more_of),
            )
        )
    return tr("Needs: {what}", what="; ".join(parts))


def shortfall_from(details: Any) -> Shortfall | None:
    """The server's refusal details (`Shortfall.as_dict()`), or None when they do not fit."""
    if not isinstance(details, dict):
        return None
    known = {c.value for c in Check}
    try:
        checks = tuple(Check(c) for c in details.get("checks", []) if c in known)
        more_of = tuple(Check(c) for c in details.get("more_of", []) if c in known)
        more = int(details.get("more", 0))
    except (TypeError, ValueError):
        return None
    return Shortfall(checks, more_of, more)


def failure_text(exc: Exception) -> str:
    """What the agent reads when an identity call did not go through."""
    if isinstance(exc, ServerUnreachable):
        return tr("Not done: the server cannot be reached. Nothing was changed; please try again.")
    if isinstance(exc, ApiError):
        if exc.code == "verification_required":
            shortfall = shortfall_from(exc.details)
            missing = shortfall_text(shortfall) if shortfall else exc.message
            return tr(
                "Refused by the server: the customer's identity is not verified for this. "
                "{missing}",
                missing=missing,
            )
        if exc.status == 403:
            return tr("Your role cannot do this.")
        if exc.status == 404:
            return tr("Not found on the server any more.")
        if exc.status in (409, 422):
            return tr("Not done: {reason}", reason=exc.message)
        return tr("That did not work: {reason}", reason=exc.message)
    return tr("That did not work. Please try again.")
