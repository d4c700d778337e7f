"""In-app toasts: small cards stacked at the bottom right of the window, hidden after a while;
a click opens the ticket. Shown whether or not the window has focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from console.ui.widgets.plain_text import PlainLabel

__all__ = ["MAX_TOASTS", "TOAST_MS", "Toast", "ToastStack"]

TOAST_MS = 8000
MAX_TOASTS = 4
_MARGIN = 16
_WIDTH = 340


class Toast(QFrame):
    clicked = Signal(int)  # ticket id
    article_clicked = Signal(int)  # article id, for a knowledge-base notification
    chat_clicked = Signal(int)  # conversation id, for a chat notification
    client_clicked = Signal(str)  # VIP client uid, for an alert about the client
    closed = Signal()

    def __init__(
        self,
        kind: str,
        heading: str,
        title: str,
        body: str,
        ticket_id: int,
        parent: QWidget,
        article_id: int | None = None,
        conversation_id: int | None = None,
        client_uid: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setProperty("kind", kind)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.ticket_id = ticket_id
        self.article_id = article_id
        self.conversation_id = conversation_id
        self.client_uid = client_uid
        self.heading = QLabel(heading, objectName="toastHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        # Subjects and bodies are customer text: plain, never rich.
        self.title = PlainLabel(title, objectName="toastTitle", selectable=False)
        self.body = PlainLabel(body, objectName="toastBody", selectable=False)
        for label in (self.title, self.body):
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        # Only once it has a parent: showing a parentless label opens it as a window of its
        # own, which takes the keyboard from whatever the agent is typing in.
        self.body.setVisible(bool(body))
        self.setFixedWidth(_WIDTH)
        self._timer = QTimer(self, singleShot=True, interval=TOAST_MS)
        self._timer.timeout.connect(self.dismiss)
        self._timer.start()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            if self.conversation_id is not None:
                self.chat_clicked.emit(self.conversation_id)
            elif self.article_id is not None:
                self.article_clicked.emit(self.article_id)
            elif self.client_uid is not None:
                self.client_clicked.emit(self.client_uid)
            elif self.ticket_id:  # a VIP alert may have nothing to open: then it only closes
                self.clicked.emit(self.ticket_id)
            self.dismiss()
        else:
            super().mouseReleaseEvent(event)

    def enterEvent(self, event: QEvent) -> None:
        self._timer.stop()  # reading it: stay
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._timer.start(TOAST_MS // 2)
        super().leaveEvent(event)

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()
        self.deleteLater()


class ToastStack(QObject):
    """Keeps the window's toasts stacked upwards from its bottom right corner."""

    ticket_clicked = Signal(int)
    article_clicked = Signal(int)
    chat_clicked = Signal(int)
    client_clicked = Signal(str)

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self._host = host
        self.toasts: list[Toast] = []
        host.installEventFilter(self)

    def show_toast(
        self,
        kind: str,
        heading: str,
        title: str,
        body: str,
        ticket_id: int,
        article_id: int | None = None,
        conversation_id: int | None = None,
        client_uid: str | None = None,
    ) -> Toast:
        toast = Toast(
            kind,
            heading,
            title,
            body,
            ticket_id,
            self._host,
            article_id,
            conversation_id,
            client_uid,
        )
        toast.clicked.connect(self.ticket_clicked)
        toast.article_clicked.connect(self.article_clicked)
        toast.chat_clicked.connect(self.chat_clicked)
        toast.client_clicked.connect(self.client_clicked)
        toast.closed.connect(lambda t=toast: self._forget(t))
        self.toasts.append(toast)
        while len(self.toasts) > MAX_TOASTS:
            self.toasts[0].dismiss()
        toast.adjustSize()
        toast.show()
        toast.raise_()
        self._place()
        return toast

    def visible_toasts(self) -> list[Toast]:
        return [t for t in self.toasts if t.isVisible()]

    def _forget(self, toast: Toast) -> None:
        if toast in self.toasts:
            self.toasts.remove(toast)
        self._place()

    def _place(self) -> None:
        bottom = self._host.height() - _MARGIN - 24  # above the status bar
        for toast in reversed(self.toasts):
            toast.adjustSize()
            height = toast.sizeHint().height()
            toast.setGeometry(
                self._host.width() - _WIDTH - _MARGIN, bottom - height, _WIDTH, height
            )
            bottom -= height + 8

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self._place()
        return False
