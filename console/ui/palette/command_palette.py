"""The command palette (Ctrl+K): type a few letters of an action or a view, Enter runs it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.ui.i18n import tr
from console.ui.palette.fuzzy import fuzzy_filter

__all__ = ["CommandPalette", "PaletteAction"]

_ACTION = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class PaletteAction:
    title: str  # translated
    run: Callable[[], object]
    shortcut: str = ""  # shown at the right, e.g. "Ctrl+K"
    group: str = ""  # "View", "Ticket", … (translated), searched too


class CommandPalette(QDialog):
    """A frameless list over the window; actions are supplied fresh each time it opens."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("commandPalette")
        self.setModal(True)
        self.query = QLineEdit(objectName="paletteQuery")
        self.results = QListWidget(objectName="paletteResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        self._actions: list[PaletteAction] = []
        self.query.textChanged.connect(self._refilter)
        self.query.installEventFilter(self)
        self.results.itemActivated.connect(self._run_item)
        self.results.itemClicked.connect(self._run_item)
        self.resize(560, 380)

    def open_with(self, actions: Sequence[PaletteAction]) -> None:
        self._actions = list(actions)
        self.query.setPlaceholderText(tr("Type an action or a view…"))
        self.query.clear()
        self._refilter("")
        parent = self.parentWidget()
        if parent is not None:
            top_left = parent.mapToGlobal(parent.rect().topLeft())
            self.move(top_left.x() + (parent.width() - self.width()) // 2, top_left.y() + 80)
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus()

    def shown_titles(self) -> list[str]:
        return [self.results.item(i).text().split("\t")[0] for i in range(self.results.count())]

    def run_current(self) -> bool:
        item = self.results.currentItem()
        if item is None:
            return False
        self._run_item(item)
        return True

    def _refilter(self, text: str) -> None:
        matches = fuzzy_filter(text, self._actions, lambda a: f"{a.title} {a.group}")
        self.results.clear()
        for action in matches:
            label = action.title if not action.group else f"{action.title}"
            item = QListWidgetItem(label)
            item.setData(_ACTION, action)
            hint = " · ".join(part for part in (action.group, action.shortcut) if part)
            if hint:
                item.setToolTip(hint)
                item.setText(f"{label}\t{hint}")
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _run_item(self, item: QListWidgetItem) -> None:
        action: PaletteAction | None = item.data(_ACTION)
        self.accept()
        if action is not None:
            action.run()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run_current()
                return True
        return super().eventFilter(watched, event)
