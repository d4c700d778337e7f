"""The agent's saved views: read from the store, named in a dialog, deleted after a question.

Saved per agent in the store (`Store.save_view`), so they come back in a new window and after a
restart; the views panel lists them under the built-in views.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from console.store.records import SavedView, TicketQuery
from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.ui.inbox.inbox_view import InboxView

__all__ = ["SavedViewStore", "SavedViews"]

MAX_NAME = 60


class SavedViewStore(Protocol):
    def saved_views(self, agent_id: int) -> list[SavedView]: ...

    def save_view(self, agent_id: int, name: str, query: TicketQuery) -> SavedView: ...

    def delete_view(self, agent_id: int, view_id: int) -> None: ...


def _ask_name(parent: QWidget, suggestion: str) -> str | None:
    name, ok = QInputDialog.getText(
        parent,
        tr("Save view"),
        tr("Name for this view (its filters, search and order are kept):"),
        QLineEdit.EchoMode.Normal,
        suggestion,
    )
    name = name.strip()[:MAX_NAME]
    return name if ok and name else None


def _ask_delete(parent: QWidget, name: str) -> bool:
    answer = QMessageBox.question(
        parent,
        tr("Delete view"),
        tr("Delete the saved view “{name}”? Tickets are not affected.", name=name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class SavedViews:
    def __init__(self, inbox: InboxView, me_id: int | None) -> None:
        self._inbox = inbox
        self._me_id = me_id
        self._store: SavedViewStore | None = None
        self._views: list[SavedView] = []
        # Dialogs, replaceable so tests can answer for the agent.
        self.ask_name: Callable[[QWidget, str], str | None] = _ask_name
        self.ask_delete: Callable[[QWidget, str], bool] = _ask_delete

    def set_store(self, store: Any) -> None:
        if hasattr(store, "saved_views"):
            self._store = store
            self.reload()

    def views(self) -> list[SavedView]:
        return list(self._views)

    def find(self, view_id: int | None) -> SavedView | None:
        return next((v for v in self._views if v.id == view_id), None)

    def reload(self) -> None:
        if self._store is None or self._me_id is None:
            return
        self._views = list(self._store.saved_views(self._me_id))
        self._inbox.views_panel.set_saved_views(self._views)
        self._inbox._count_queries_changed()

    def save_current(self) -> SavedView | None:
        """Ask for a name and keep the inbox's current view, filters, search and order."""
        if self._store is None or self._me_id is None:
            return None
        inbox = self._inbox
        name = self.ask_name(
            inbox, inbox.title.text() if inbox.current_filters().narrowing() else ""
        )
        if name is None:
            return None
        return self.save(name)

    def save(self, name: str) -> SavedView | None:
        if self._store is None or self._me_id is None:
            return None
        saved = self._store.save_view(self._me_id, name, self._inbox.current_query())
        self.reload()
        self._inbox.open_saved_view(saved.id)
        self._inbox.notice.emit(tr("View “{name}” saved.", name=saved.name))
        return saved

    def delete(self, view_id: int) -> bool:
        saved = self.find(view_id)
        if saved is None or self._store is None or self._me_id is None:
            return False
        if not self.ask_delete(self._inbox, saved.name):
            return False
        showing = self._inbox.views_panel.current_key() == f"saved:{view_id}"
        self._store.delete_view(self._me_id, view_id)
        self.reload()
        if showing:
            self._inbox.set_view(saved.query.view)
        return True
