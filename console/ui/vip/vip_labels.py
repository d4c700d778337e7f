"""The VIP desk's words: tiers, risk signals, countdowns, contact hours, contact kinds and
timeline entries, in the current language. Tables are built at call time (a language switch
shows at once)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_skeleton, format_time

from console.core.vip import AssetBand, ContactKind, RiskSignal, RoutingStage
from console.ui.formatting import local_tz, short_datetime
from console.ui.i18n import babel_locale, tr
from console.ui.labels import security_event_label, status_label, transfer_status_label

__all__ = [
    "CLIENT_LANGUAGES",
    "ContactHours",
    "asset_band_label",
    "chat_state_label",
    "contact_hours",
    "contact_kind_label",
    "countdown_text",
    "follow_up_state",
    "follow_up_text",
    "item_kind_label",
    "item_status_label",
    "language_label",
    "risk_label",
    "risk_meaning",
    "stage_label",
    "tier_label",
    "timeline_kind_label",
    "timeline_texts",
    "usd_compact",
]

# What clients of the desk read; other codes are shown as they are.
CLIENT_LANGUAGES = ("zh", "en", "ja", "ko")


def tier_label(tier: int) -> str:
    return tr("VIP {tier}", tier=tier)


def language_label(code: str) -> str:
    names = {"zh": tr("Chinese"), "en": tr("English"), "ja": tr("Japanese"), "ko": tr("Korean")}
    return names.get(code, code)


def risk_label(signal: str) -> str:
    """A short label for a table cell, with a symbol so it reads at a glance."""
    names = {
        RiskSignal.LARGE_WITHDRAWAL: tr("⇡ Withdrawal"),
        RiskSignal.SECURITY_EVENT: tr("⚷ Security"),
        RiskSignal.LIQUIDATION_NEAR: tr("⚠ Liquidation"),
    }
    return names.get(signal, str(signal))


def risk_meaning(signal: str) -> str:
    """The tooltip: what the signal means and why it matters now."""
    names = {
        RiskSignal.LARGE_WITHDRAWAL: tr(
            "A large withdrawal is waiting for review: the client may ask about it any minute."
        ),
        RiskSignal.SECURITY_EVENT: tr(
            "A recent security event (new device, password or 2FA change) in the last days."
        ),
        RiskSignal.LIQUIDATION_NEAR: tr("A futures position is close to its liquidation price."),
    }
    return names.get(signal, str(signal))


def asset_band_label(band: str) -> str:
    names = {
        AssetBand.UNDER_100K: tr("under $100k"),
        AssetBand.UNDER_1M: tr("$100k–1M"),
        AssetBand.UNDER_10M: tr("$1M–10M"),
        AssetBand.OVER_10M: tr("over $10M"),
    }
    return names.get(band, str(band))


def usd_compact(value: Decimal) -> str:
    """'$12.4M', '$850k', '$900': the scale of a volume, not its cents."""
    amount = float(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(amount) >= limit:
            scaled = amount / limit
            digits = f"{scaled:.1f}" if abs(scaled) < 100 else f"{scaled:.0f}"
            return f"${digits.removesuffix('.0')}{suffix}"
    return f"${amount:.0f}"


def countdown_text(left: timedelta) -> str:
    """'04:59' left, '−01:05' overdue; from an hour on '1:02:03'. Whole seconds, rounded down
    towards the deadline, so the text turns overdue in the second the target passes."""
    seconds = int(left.total_seconds() // 1)
    overdue = seconds < 0
    total = -seconds if overdue else seconds
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    return f"−{text}" if overdue else text


def follow_up_state(due_at: datetime | None, now: datetime) -> str:
    """'overdue', 'today' (later today, local time), 'later' or 'none'."""
    if due_at is None:
        return "none"
    if due_at <= now:
        return "overdue"
    tz = local_tz()
    return "today" if due_at.astimezone(tz).date() == now.astimezone(tz).date() else "later"


def _when(moment: datetime) -> str:
    """'Mar 2, 10:30' / '3月2日 10:30': short enough for a table cell."""
    local = moment.astimezone(local_tz())
    locale = babel_locale()
    return f"{format_skeleton('MMMd', local, locale=locale)} {format_time(local, 'HH:mm')}"


def follow_up_text(due_at: datetime | None, now: datetime, *, long: bool = False) -> str:
    """'Overdue · Mar 2 10:30', 'Today 16:00', 'Mar 9 10:00'; `long`: a sentence (tooltip)."""
    state = follow_up_state(due_at, now)
    if due_at is None:
        return "" if long else "—"
    if long:
        when = short_datetime(due_at)
        if state == "overdue":
            return tr("Follow-up overdue since {when}.", when=when)
        return tr("Follow-up due {when}.", when=when)
    if state == "overdue":
        return tr("Overdue · {when}", when=_when(due_at))
    if state == "today":
        return tr("Today {time}", time=format_time(due_at.astimezone(local_tz()), "HH:mm"))
    return _when(due_at)


def contact_kind_label(kind: str) -> str:
    names = {
        ContactKind.CALL: tr("Call"),
        ContactKind.MESSAGE: tr("Message"),
        ContactKind.MEETING: tr("Meeting"),
    }
    return names.get(kind, str(kind))


def timeline_kind_label(kind: str) -> str:
    names = {
        "contact": tr("Contact"),
        "ticket": tr("Ticket"),
        "chat": tr("Chat"),
        "deposit": tr("Deposit"),
        "withdrawal": tr("Withdrawal"),
        "security": tr("Security"),
        "follow_up": tr("Follow-up"),
    }
    return names.get(kind, kind)


def timeline_texts(kind: str, title: str, detail: str) -> tuple[str, str]:
    """A timeline entry's title and detail with the server's codes worded: a ticket's status,
    a chat's state, a transfer's status, a security event's kind, a contact's kind."""
    if kind == "ticket":
        return title, status_label(detail) if detail else ""
    if kind == "chat":
        return title, chat_state_label(detail) if detail else ""
    if kind in ("deposit", "withdrawal"):
        return title, transfer_status_label(detail) if detail else ""
    if kind == "security":
        return security_event_label(title), detail
    if kind == "follow_up":
        return title, tr("done") if detail == "done" else detail
    if kind == "contact":
        code, sep, rest = title.partition(": ")
        if sep and code in set(ContactKind):
            return f"{contact_kind_label(code)}: {rest}", detail
    return title, detail


def item_kind_label(kind: str) -> str:
    return tr("Chat") if kind == "chat" else tr("Ticket")


def chat_state_label(state: str) -> str:
    names = {
        "bot": tr("With the bot"),
        "queued": tr("Queued"),
        "offered": tr("Offered"),
        "active": tr("Active"),
        "ended": tr("Ended"),
    }
    return names.get(state, state)


def item_status_label(kind: str, status: str) -> str:
    return chat_state_label(status) if kind == "chat" else status_label(status)


def stage_label(stage: str | None) -> str:
    names = {
        RoutingStage.MANAGER: tr("offered to the manager"),
        RoutingStage.BACKUP: tr("offered to the backup manager"),
        RoutingStage.VIP_QUEUE: tr("in the VIP team queue"),
    }
    return names.get(stage, "") if stage else ""


# --- contact hours ------------------------------------------------------------------------------

_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s+(\S+)\s*$")


class ContactHours:
    """'09:00-18:00 Asia/Shanghai', understood: whether a moment falls inside it."""

    def __init__(self, text: str, start: time, end: time, zone: ZoneInfo) -> None:
        self.text = text
        self.start, self.end, self.zone = start, end, zone

    def inside(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone).time()
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # overnight, e.g. 22:00-06:00

    def local_time(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%H:%M")


def contact_hours(text: str) -> ContactHours | None:
    """None when the text is not 'HH:MM-HH:MM Zone/Name' (it is then shown as it is)."""
    match = _HOURS.match(text or "")
    if match is None:
        return None
    h1, m1, h2, m2, zone = match.groups()
    try:
        start, end = time(int(h1) % 24, int(m1)), time(int(h2) % 24, int(m2))
        return ContactHours(text, start, end, ZoneInfo(zone))
    except (ValueError, ZoneInfoNotFoundError):
        return None
