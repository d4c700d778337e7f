"""A strip under the ticket header listing this ticket's changes the server refused, each with
Retry and Discard: a refused status or priority change is never dropped silently."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.store import OutboxItem
from console.ui.i18n import tr
from console.ui.labels import priority_label, status_label
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["FailedChangesBar", "describe_change"]


def describe_change(payload: dict[str, object]) -> str:
    parts = []
    if "status" in payload:
        parts.append(tr("status to {value}", value=status_label(str(payload["status"]))))
    if "priority" in payload:
        parts.append(tr("priority to {value}", value=priority_label(str(payload["priority"]))))
    if "assignee_id" in payload:
        parts.append(tr("assignment"))
    return ", ".join(parts) or tr("a change")


class FailedChangesBar(QFrame):
    retry_requested = Signal(int)
    discard_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("failedChanges")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 6, 14, 6)
        self._layout.setSpacing(4)
        self._items: list[OutboxItem] = []
        self.rows: list[QWidget] = []
        self.hide()

    def set_items(self, items: Sequence[OutboxItem]) -> None:
        self._items = list(items)
        self._render()

    def retranslate(self) -> None:
        self._render()

    def _render(self) -> None:
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for item in self._items:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = tr(
                "Your change ({change}) was not saved: {error}",
                change=describe_change(item.payload),
                error=item.error or tr("the server refused it"),
            )
            label = PlainLabel(text, objectName="failedChangeText")
            label.setWordWrap(True)
            retry = QPushButton(tr("Retry"), objectName="linkButton")
            discard = QPushButton(tr("Discard"), objectName="linkButton")
            retry.clicked.connect(lambda _=False, i=item.id: self.retry_requested.emit(i))
            discard.clicked.connect(lambda _=False, i=item.id: self.discard_requested.emit(i))
            line.addWidget(label, 1)
            line.addWidget(retry)
            line.addWidget(discard)
            self._layout.addWidget(row)
            self.rows.append(row)
        self.setVisible(bool(self._items))
