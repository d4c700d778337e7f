"""The alert sound of a chat notification or a VIP desk alert: an offer, a customer's message or
a VIP client needs the agent now, even with the window focused on another chat. The platform's
alert sound (QtMultimedia is not shipped with the console); `played` counts for tests and a
quiet setting later."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

__all__ = ["AlertSound"]


class AlertSound:
    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.played = 0

    def play(self) -> None:
        if not self.enabled:
            return
        self.played += 1
        QApplication.beep()
