"""Who else is on this ticket right now: "Bob is viewing", "Carol is typing…" (live)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from console.api.schemas import PresenceOut
from console.core.domain import PresenceState
from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["PresenceBar", "presence_text"]


def presence_text(entries: Sequence[PresenceOut]) -> str:
    parts = []
    for entry in sorted(entries, key=lambda e: (e.state != PresenceState.TYPING, e.agent_name)):
        if entry.state == PresenceState.TYPING:
            parts.append(tr("{name} is typing…", name=entry.agent_name))
        elif entry.state == PresenceState.VIEWING:
            parts.append(tr("{name} is viewing", name=entry.agent_name))
    return " · ".join(parts)


class PresenceBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenceBar")
        self._entries: list[PresenceOut] = []
        self.text = PlainLabel(objectName="presenceText", selectable=False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 3, 14, 3)
        layout.addWidget(self.text, 1)
        self.hide()

    def set_entries(self, entries: Sequence[PresenceOut]) -> None:
        self._entries = [e for e in entries if e.state != PresenceState.LEFT]
        self.retranslate()

    def retranslate(self) -> None:
        text = presence_text(self._entries)
        typing = any(e.state == PresenceState.TYPING for e in self._entries)
        self.setProperty("typing", typing)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(("● " + text) if text else "")
        self.setVisible(bool(text))
