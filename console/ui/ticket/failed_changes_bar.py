"""A strip listing changes the server refused, each with Retry and Discard: a refused status
change, rating or proposed edit is never dropped silently. Under the ticket header it lists the
ticket's changes; the knowledge page passes its own sentence for article work."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.store import OutboxItem
from console.ui.i18n import tr
from console.ui.labels import priority_label, status_label
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["FailedChangesBar", "describe_change", "ticket_change_sentence"]


def describe_change(payload: dict[str, object]) -> str:
    parts = []
    if "status" in payload:
        parts.append(tr("status to {value}", value=status_label(str(payload["status"]))))
    if "priority" in payload:
        parts.append(tr("priority to {value}", value=priority_label(str(payload["priority"]))))
    if "assignee_id" in payload:
        parts.append(tr("assignment"))
    return ", ".join(parts) or tr("a change")


def ticket_change_sentence(item: OutboxItem) -> str:
    return tr(
        "Your change ({change}) was not saved: {error}",
        change=describe_change(item.payload),
        error=item.error or tr("the server refused it"),
    )


class FailedChangesBar(QFrame):
    retry_requested = Signal(int)
    discard_requested = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        sentence: Callable[[OutboxItem], str] = ticket_change_sentence,
    ) -> None:
        super().__init__(parent)
        self._sentence = sentence
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
            label = PlainLabel(self._sentence(item), objectName="failedChangeText")
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
