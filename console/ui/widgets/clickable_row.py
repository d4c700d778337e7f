"""A row of plain-text lines that acts like a button (mouse, Enter or Space), for lists of
tickets whose subjects are customer text: labels wrap and never interpret markup or '&'."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from console.ui.widgets.plain_text import PlainLabel

__all__ = ["ClickableRow"]


class ClickableRow(QFrame):
    clicked = Signal()

    def __init__(
        self, title: str, detail: str = "", *, objectName: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = PlainLabel(title, objectName="rowTitle", selectable=False)
        self.title.setWordWrap(True)
        self.detail = PlainLabel(detail, objectName="mutedLabel", selectable=False)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        # Only once it has a parent: shown earlier, a label opens as a window of its own.
        self.detail.setVisible(bool(detail))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            event.accept()
            return
        super().keyPressEvent(event)
