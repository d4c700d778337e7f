"""What the command palette offers: every view, the inbox's orders and filters, and actions on
the open ticket or the selection — built fresh each time it opens, so names and saved views are
current."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from console.core.domain import TicketStatus
from console.ui.i18n import tr
from console.ui.inbox.inbox_views import BUILTIN_VIEWS
from console.ui.inbox.ticket_table_model import Column
from console.ui.labels import status_label
from console.ui.palette.command_palette import PaletteAction

if TYPE_CHECKING:
    from console.ui.shell.main_window import MainWindow

__all__ = ["palette_actions"]


def palette_actions(window: MainWindow) -> list[PaletteAction]:
    inbox = window.inbox
    view_group, go, ticket, selection = tr("View"), tr("Go to"), tr("Ticket"), tr("Selection")
    actions: list[PaletteAction] = []
    for view in BUILTIN_VIEWS:
        actions.append(
            PaletteAction(view.label(), lambda v=view.key: window.go_to_view(v), group=view_group)
        )
    for saved in inbox.saved.views():
        actions.append(
            PaletteAction(
                saved.name, lambda i=saved.id: window.go_to_saved(i), group=tr("Saved view")
            )
        )
    sort_by = (
        (Column.SLA, tr("Sort by SLA time left"), Qt.SortOrder.AscendingOrder),
        (Column.PRIORITY, tr("Sort by priority"), Qt.SortOrder.DescendingOrder),
        (Column.UPDATED, tr("Sort by last update"), Qt.SortOrder.DescendingOrder),
        (Column.ID, tr("Sort by creation (newest first)"), Qt.SortOrder.DescendingOrder),
        (Column.CUSTOMER, tr("Sort by customer"), Qt.SortOrder.AscendingOrder),
    )
    for column, title, order in sort_by:
        actions.append(
            PaletteAction(title, lambda c=column, o=order: inbox.sort_by(c, o), group=view_group)
        )
    actions += [
        PaletteAction(tr("Search tickets"), window.focus_search, "/", go),
        PaletteAction(tr("Clear filters"), inbox.filter_bar.clear, "", view_group),
        PaletteAction(tr("Save view…"), inbox.saved.save_current, "", view_group),
        PaletteAction(tr("Ticket list"), window.focus_list, "Esc", go),
        PaletteAction(tr("Inbox"), lambda: window.show_page("inbox"), "", go),
        PaletteAction(tr("Settings"), lambda: window.show_page("settings"), "", go),
        PaletteAction(tr("Keyboard shortcuts"), window.show_shortcuts, "? / F1", go),
    ]
    if window.attached:
        actions += [
            PaletteAction(tr("Reply"), lambda: window.compose("reply"), "R", ticket),
            PaletteAction(tr("Internal note"), lambda: window.compose("note"), "N", ticket),
        ]
        bulk = inbox.bulk_bar
        actions.append(
            PaletteAction(
                tr("Assign selected tickets to me"),
                lambda: bulk.assign(window.me.id, tr("me")),
                group=selection,
            )
        )
        for status in (TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.SOLVED):
            label = status_label(status)
            actions.append(
                PaletteAction(
                    tr("Set selected tickets to “{status}”", status=label),
                    lambda s=status: bulk.set_status(s),
                    group=selection,
                )
            )
    return actions
