"""Customer-written text shown by Qt widgets that would otherwise guess 'rich text'.

QLabel and tooltips treat text that looks like HTML as HTML; a customer's "<b>" or "<script>" must
appear as typed. Labels get Qt.PlainText; tooltips (which have no format switch) get escaped text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["PlainLabel", "plain_tooltip"]


def plain_tooltip(text: str) -> str:
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class PlainLabel(QLabel):
    """A label that never interprets its text: what the customer typed is what the agent sees."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        selectable: bool = True,
        objectName: str = "",
    ) -> None:
        super().__init__(parent)
        if objectName:
            self.setObjectName(objectName)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if selectable:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setText(text)
