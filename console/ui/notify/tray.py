"""The system tray: a message per notification, where the desktop has a tray at all."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

__all__ = ["TrayNotifier"]

TRAY_MS = 8000


def _icon() -> QIcon:
    icon = QApplication.windowIcon()
    if not icon.isNull():
        return icon
    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#2563eb"))
    painter.setPen(QColor("#1d4ed8"))
    painter.drawRoundedRect(2, 2, 28, 28, 7, 7)
    painter.end()
    return QIcon(pixmap)


class TrayNotifier(QObject):
    """Shows tray messages; a click carries the ticket (or article) of the last message."""

    clicked = Signal(int)
    article_clicked = Signal(int)
    chat_clicked = Signal(int)
    client_clicked = Signal(str)  # a VIP client's uid

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.icon: QSystemTrayIcon | None = None
        self.shown: list[tuple[str, str, int]] = []  # (title, text, ticket id), newest last
        self._last_ticket: int | None = None
        self._last_article: int | None = None
        self._last_chat: int | None = None
        self._last_client: str | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(_icon(), self)
            self.icon.setToolTip("Support Console")
            self.icon.messageClicked.connect(self._on_clicked)
            self.icon.show()

    @property
    def available(self) -> bool:
        return self.icon is not None

    def show_message(
        self,
        title: str,
        text: str,
        ticket_id: int,
        urgent: bool = False,
        article_id: int | None = None,
        conversation_id: int | None = None,
        client_uid: str | None = None,
    ) -> bool:
        """Tray messages are plain text on every platform; False when there is no tray."""
        self.shown.append((title, text, ticket_id))
        del self.shown[:-20]
        self._last_ticket = ticket_id
        self._last_article = article_id
        self._last_chat = conversation_id
        self._last_client = client_uid
        if self.icon is None or not QSystemTrayIcon.supportsMessages():
            return False
        level = (
            QSystemTrayIcon.MessageIcon.Warning
            if urgent
            else QSystemTrayIcon.MessageIcon.Information
        )
        self.icon.showMessage(title, text, level, TRAY_MS)
        return True

    def _on_clicked(self) -> None:
        if self._last_chat is not None:
            self.chat_clicked.emit(self._last_chat)
        elif self._last_article is not None:
            self.article_clicked.emit(self._last_article)
        elif self._last_client is not None:
            self.client_clicked.emit(self._last_client)
        elif self._last_ticket:
            self.clicked.emit(self._last_ticket)

    def close(self) -> None:
        if self.icon is not None:
            self.icon.hide()
