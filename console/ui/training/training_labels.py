"""Words and numbers of the training pages in the current language: seat and session states,
verdicts, rubric items, transcript actors and actions, scores and times.

Each function builds its table at call time so a language switch shows at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from console.ui.audit.audit_labels import category_text
from console.ui.i18n import language, tr
from console.ui.labels import department_label, priority_label

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.api.schemas_training import SeatOut, SeatReportOut

__all__ = [
    "TRAINEE_ROLES",
    "action_text",
    "actor_text",
    "clock_text",
    "in_ui_language",
    "is_guard_blocked",
    "report_verdict",
    "rubric_item_label",
    "score_text",
    "seat_state_label",
    "session_language_label",
    "session_state_label",
    "trainees",
    "verdict",
    "verdict_text",
]

# Who can be seated in a session: the server's rule too (trainers and compliance run or watch).
TRAINEE_ROLES = frozenset({"agent", "vip_manager", "supervisor"})

GUARD_BLOCKED = "guard_blocked"


def in_ui_language(texts: Mapping[str, str]) -> str:
    """A scenario's text in the UI's language: Chinese for a Chinese UI, else English, else any."""
    first = "zh" if language().startswith("zh") else "en"
    for code in (first, "en", "zh"):
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")


def trainees(agents: Iterable[AgentOut]) -> list[AgentOut]:
    return sorted(
        (a for a in agents if str(a.role) in TRAINEE_ROLES), key=lambda a: a.display_name.lower()
    )


def session_language_label(code: str) -> str:
    names = {"zh": tr("Chinese"), "en": tr("English"), "ja": tr("Japanese"), "ko": tr("Korean")}
    return names.get(code, code)


def session_state_label(state: str) -> str:
    names = {"running": tr("Running"), "ended": tr("Ended")}
    return names.get(state, state)


def seat_state_label(state: str) -> str:
    names = {"waiting": tr("Waiting"), "running": tr("Running"), "finished": tr("Finished")}
    return names.get(state, state)


def verdict(seat: SeatOut) -> str:
    """ "pass", "fail" (a forbidden action that fails the attempt), "below" (finished under the
    pass mark), or "" while the seat is not finished. Styles key on these values."""
    if seat.failed:
        return "fail"  # may be known before the seat finishes: the attempt cannot pass any more
    if seat.state != "finished":
        return ""
    return "pass" if seat.passed else "below"


def report_verdict(report: SeatReportOut) -> str:
    """The report's own verdict (its score may be newer than the seat row's)."""
    if report.failed:
        return "fail"
    if report.seat.state != "finished":
        return ""
    return "pass" if report.passed else "below"


def verdict_text(value: str) -> str:
    names = {"pass": tr("PASS"), "fail": tr("FAIL"), "below": tr("FAIL (below pass mark)")}
    return names.get(value, "")


def score_text(score: float | None) -> str:
    if score is None:
        return "—"
    return f"{score:.1f}".removesuffix(".0")


def clock_text(seconds: float | None) -> str:
    """mm:ss from the start of the attempt (minutes go past 59: attempts are short)."""
    if seconds is None:
        return "—"
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def rubric_item_label(kind: str) -> str:
    names = {
        "first_response": tr("First response time"),
        "resolution": tr("Resolved in time"),
        "expected": tr("Expected actions"),
        "forbidden": tr("No forbidden actions"),
        "kb_article": tr("Knowledge-base article linked"),
        "empathy": tr("Tone and empathy"),
    }
    return names.get(kind, kind)


def actor_text(actor: str) -> str:
    names = {"customer": tr("Customer"), "agent": tr("Trainee"), "system": tr("System")}
    return names.get(actor, actor)


def is_guard_blocked(action: str) -> bool:
    return action.partition(":")[0] == GUARD_BLOCKED


def action_text(action: str) -> str:
    """A transcript step's action, with its qualifier in words ("escalate:security")."""
    head, _, qualifier = action.partition(":")
    names = {
        "customer": tr("Message"),
        "reply": tr("Reply"),
        "note": tr("Internal note"),
        "freeze_account": tr("Froze the account"),
        "unfreeze_account": tr("Unfroze the account"),
        "verify_identity": tr("Sent an identity check"),
        "escalate": tr("Escalated"),
        "kb_article": tr("Linked an article"),
        "aml_report": tr("Filed an AML report"),
        "solve": tr("Solved / ended"),
        "pending": tr("Set to pending"),
        "set_priority": tr("Set the priority"),
        "merge": tr("Merged a duplicate"),
        GUARD_BLOCKED: tr("BLOCKED by the guard"),
    }
    text = names.get(head, head)
    if not qualifier:
        return text
    if head == "escalate":
        detail = department_label(qualifier)
    elif head == "set_priority":
        detail = priority_label(qualifier)
    elif head == GUARD_BLOCKED:
        detail = category_text(qualifier)
    else:
        detail = qualifier
    return tr("{action}: {detail}", action=text, detail=detail)
