"""The views panel: built-in views and the agent's saved views, each with a live count."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from console.store.records import SavedView
from console.ui.formatting import number
from console.ui.i18n import tr
from console.ui.inbox.inbox_views import BUILTIN_VIEWS

__all__ = ["ViewsPanel"]

_KEY = Qt.ItemDataRole.UserRole + 1  # "view:<name>" | "saved:<id>" | "" for the section title
_COUNT = Qt.ItemDataRole.UserRole + 2  # int, or None while not counted yet
_ALERT_VIEWS = frozenset({"view:breached"})  # counts shown in red when above zero
_Index = QModelIndex | QPersistentModelIndex


class _CountDelegate(QStyledItemDelegate):
    """The view's name at the left and its count at the right of the row."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        count = index.data(_COUNT)
        key = index.data(_KEY) or ""
        super().paint(painter, option, index)
        if count is None:
            return
        painter.save()
        try:
            font = QFont(option.font)  # type: ignore[attr-defined]
            alert = key in _ALERT_VIEWS and count > 0
            font.setBold(alert)
            painter.setFont(font)
            painter.setPen(QColor("#b91c1c" if alert else "#6b7280"))
            rect: QRect = option.rect.adjusted(0, 0, -10, 0)  # type: ignore[attr-defined]
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number(count)
            )
        finally:
            painter.restore()

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        count = index.data(_COUNT)
        if count is not None:  # leave room for the count so long names elide before it
            width = QFontMetrics(option.font).horizontalAdvance(number(count)) + 18  # type: ignore[attr-defined]
            option.rect = option.rect.adjusted(0, 0, -width, 0)  # type: ignore[attr-defined]


class ViewsPanel(QListWidget):
    builtin_chosen = Signal(str)  # TicketQuery.view
    saved_chosen = Signal(int)  # SavedView.id
    delete_requested = Signal(int)  # SavedView.id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewsPanel")
        self.setItemDelegate(_CountDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFixedWidth(184)
        self._items: dict[str, QListWidgetItem] = {}
        self._saved: list[SavedView] = []
        for view in BUILTIN_VIEWS:
            self._add(f"view:{view.key}", view.label())
        self._section = QListWidgetItem()
        self._section.setFlags(Qt.ItemFlag.NoItemFlags)
        self._section.setData(_KEY, "")
        font = self._section.font()
        font.setBold(True)
        font.setPixelSize(11)
        self._section.setFont(font)
        self._section.setForeground(QColor("#6b7280"))
        self.addItem(self._section)
        self.currentItemChanged.connect(self._on_current)
        self.retranslate()

    def _add(self, key: str, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(_KEY, key)
        item.setData(_COUNT, None)
        item.setToolTip(text)
        self.addItem(item)
        self._items[key] = item
        return item

    # --- contents ----------------------------------------------------------------------------

    def set_saved_views(self, views: Sequence[SavedView]) -> None:
        current = self.current_key()
        blocked = self.blockSignals(True)
        try:
            for saved in self._saved:
                item = self._items.pop(f"saved:{saved.id}", None)
                if item is not None:
                    self.takeItem(self.row(item))
            self._saved = list(views)
            for saved in self._saved:
                self._add(f"saved:{saved.id}", saved.name)
            self._section.setHidden(not self._saved)
            if current is not None and current in self._items:
                self.setCurrentItem(self._items[current])
        finally:
            self.blockSignals(blocked)

    def saved_views(self) -> list[SavedView]:
        return list(self._saved)

    def set_count(self, key: str, count: int | None) -> None:
        item = self._items.get(key)
        if item is not None and item.data(_COUNT) != count:
            item.setData(_COUNT, count)

    def count_of(self, key: str) -> int | None:
        item = self._items.get(key)
        return item.data(_COUNT) if item is not None else None

    def select(self, key: str) -> None:
        """Mark `key` current without announcing it (the inbox already shows it)."""
        item = self._items.get(key)
        blocked = self.blockSignals(True)
        try:
            if item is None:
                self.setCurrentRow(-1)
            else:
                self.setCurrentItem(item)
        finally:
            self.blockSignals(blocked)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(_KEY) if item is not None else None

    def keys(self) -> list[str]:
        return list(self._items)

    def label_of(self, key: str) -> str:
        item = self._items.get(key)
        return item.text() if item is not None else ""

    def retranslate(self) -> None:
        for view in BUILTIN_VIEWS:
            item = self._items[f"view:{view.key}"]
            item.setText(view.label())
            item.setToolTip(view.label())
        self._section.setText(tr("Saved views").upper())
        self._section.setHidden(not self._saved)

    # --- reactions ---------------------------------------------------------------------------

    def _on_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        key = item.data(_KEY) if item is not None else None
        if not key:
            return
        kind, _, value = key.partition(":")
        if kind == "view":
            self.builtin_chosen.emit(value)
        else:
            self.saved_chosen.emit(int(value))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        key = item.data(_KEY) if item is not None else ""
        if not key or not key.startswith("saved:"):
            return
        menu = QMenu(self)
        action = menu.addAction(tr("Delete view “{name}”", name=item.text()))
        action.triggered.connect(lambda: self.delete_requested.emit(int(key.partition(":")[2])))
        menu.popup(self.viewport().mapToGlobal(pos))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = self.current_key() or ""
        if event.key() == Qt.Key.Key_Delete and key.startswith("saved:"):
            self.delete_requested.emit(int(key.partition(":")[2]))
            return
        super().keyPressEvent(event)
