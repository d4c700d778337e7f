"""The inbox table's columns: their order, their headers and which of them the store can sort by."""

from __future__ import annotations

from enum import IntEnum

from console.ui.i18n import tr

__all__ = ["SORT_KEYS", "Column", "column_headers"]


class Column(IntEnum):
    ID = 0
    PRIORITY = 1
    SUBJECT = 2
    CUSTOMER = 3
    CHANNEL = 4
    STATUS = 5
    ASSIGNEE = 6
    SLA = 7
    UPDATED = 8


# Columns the store can order by (TicketQuery.sort); the others ignore header clicks.
SORT_KEYS: dict[Column, str] = {
    Column.ID: "created",
    Column.PRIORITY: "priority",
    Column.SUBJECT: "subject",
    Column.CUSTOMER: "customer",
    Column.SLA: "sla",
    Column.UPDATED: "updated",
}


def column_headers() -> dict[Column, str]:
    """Header texts in the current language (built anew per call: the language may change)."""
    return {
        Column.ID: tr("#"),
        Column.PRIORITY: tr("Priority"),
        Column.SUBJECT: tr("Subject"),
        Column.CUSTOMER: tr("Customer"),
        Column.CHANNEL: tr("Channel"),
        Column.STATUS: tr("Status"),
        Column.ASSIGNEE: tr("Assignee"),
        Column.SLA: tr("SLA"),
        Column.UPDATED: tr("Updated"),
    }
