"""Status-bar indicator of the live connection: online, reconnecting, offline or connecting."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from console.ui.i18n import tr

__all__ = ["ConnectionIndicator"]


def _texts() -> dict[str, str]:
    return {
        "online": tr("Online"),
        "reconnecting": tr("Reconnecting…"),
        "offline": tr("Offline — changes are kept and sent later"),
        "connecting": tr("Connecting…"),
        "syncing": tr("Syncing tickets…"),
    }


def _tips() -> dict[str, str]:
    return {
        "online": tr("Live updates are arriving."),
        "reconnecting": tr("The connection dropped; trying again. Your work is saved locally."),
        "offline": tr("The server cannot be reached. Replies wait in the outbox."),
        "connecting": tr("Starting up."),
        "syncing": tr("Loading the tickets from the server. Your work is saved locally."),
    }


class ConnectionIndicator(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionIndicator")
        self._state = "connecting"
        self.retranslate()

    def state(self) -> str:
        return self._state

    def set_state(self, state: str) -> None:
        self._state = state if state in _texts() else "offline"
        self.setProperty("state", self._state)
        self.style().unpolish(self)
        self.style().polish(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText("● " + _texts()[self._state])
        self.setToolTip(_tips()[self._state])
