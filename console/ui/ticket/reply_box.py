"""Where the agent writes: reply or internal note, Send with Ctrl+Enter, and a draft that is saved
as they type (300 ms after the last key) and whenever the box loses focus, so it survives a crash,
a restart or switching tickets."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.domain import MessageKind
from console.store import Store
from console.ui.i18n import tr

__all__ = ["DRAFT_SAVE_MS", "DraftEditor", "ReplyBox", "draft_key"]

DRAFT_SAVE_MS = 300


def draft_key(ticket_id: int) -> str:
    return f"ticket:{ticket_id}"


class DraftEditor(QPlainTextEdit):
    focus_lost = Signal()
    submit = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        is_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if is_enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submit.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.focus_lost.emit()
        super().focusOutEvent(event)


class ReplyBox(QFrame):
    send_requested = Signal(str, str)  # kind, text

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyBox")
        self._store = store
        self._ticket_id: int | None = None
        self._can_send = True
        self.reply_button = QPushButton(objectName="segment")
        self.note_button = QPushButton(objectName="segment")
        self._kind_group = QButtonGroup(self)
        for button in (self.reply_button, self.note_button):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._kind_group.addButton(button)
        self.reply_button.setChecked(True)
        self.hint = QLabel(objectName="mutedLabel")
        self.editor = DraftEditor(objectName="replyEditor")
        self.editor.setTabChangesFocus(True)
        self.send_button = QPushButton(objectName="primaryButton")
        self.send_button.setDefault(False)

        top = QHBoxLayout()
        top.setSpacing(0)
        top.addWidget(self.reply_button)
        top.addWidget(self.note_button)
        top.addSpacing(12)
        top.addWidget(self.hint, 1)
        top.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)

        self._save_timer = QTimer(self, singleShot=True, interval=DRAFT_SAVE_MS)
        self._save_timer.timeout.connect(self.save_draft_now)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.focus_lost.connect(self.save_draft_now)
        self.editor.submit.connect(self._submit)
        self.send_button.clicked.connect(self._submit)
        self._kind_group.buttonToggled.connect(lambda *_: self._update_mode())
        self.retranslate()

    # --- state -------------------------------------------------------------------------------

    def kind(self) -> str:
        return str(MessageKind.NOTE if self.note_button.isChecked() else MessageKind.REPLY)

    def set_kind(self, kind: str) -> None:
        (self.note_button if kind == MessageKind.NOTE else self.reply_button).setChecked(True)

    def text(self) -> str:
        return self.editor.toPlainText()

    def ticket_id(self) -> int | None:
        return self._ticket_id

    def set_can_send(self, can_send: bool) -> None:
        self._can_send = can_send
        self._update_send_enabled()

    def set_ticket(self, ticket_id: int | None) -> None:
        """Switch to another ticket: keep this one's draft, bring back the other's."""
        if ticket_id == self._ticket_id:
            return
        self.save_draft_now()
        self._ticket_id = ticket_id
        text = self._store.draft(draft_key(ticket_id)) if ticket_id is not None else None
        blocked = self.editor.blockSignals(True)
        try:
            self.editor.setPlainText(text or "")
        finally:
            self.editor.blockSignals(blocked)
        self.set_kind(MessageKind.REPLY)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.setEnabled(ticket_id is not None)
        self._update_send_enabled()

    def save_draft_now(self) -> None:
        self._save_timer.stop()
        if self._ticket_id is None:
            return
        key = draft_key(self._ticket_id)
        text = self.editor.toPlainText()
        if text.strip():
            self._store.save_draft(key, text)
        else:
            self._store.delete_draft(key)

    def clear_after_send(self) -> None:
        """The message is in the outbox now: the draft has done its job."""
        self._save_timer.stop()
        blocked = self.editor.blockSignals(True)
        try:
            self.editor.clear()
        finally:
            self.editor.blockSignals(blocked)
        if self._ticket_id is not None:
            self._store.delete_draft(draft_key(self._ticket_id))
        self._update_send_enabled()

    def retranslate(self) -> None:
        self.reply_button.setText(tr("Reply"))
        self.note_button.setText(tr("Internal note"))
        self._update_mode()

    # --- reactions ---------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        # Not restarted on every keystroke: steady typing would otherwise never be saved. The
        # draft is written at most one timer interval after the first unsaved change.
        if not self._save_timer.isActive():
            self._save_timer.start()
        self._update_send_enabled()

    def _update_send_enabled(self) -> None:
        ready = self._can_send and self._ticket_id is not None
        self.send_button.setEnabled(ready and bool(self.editor.toPlainText().strip()))
        self.send_button.setToolTip("" if self._can_send else tr("Connecting to the server…"))

    def _update_mode(self) -> None:
        note = self.kind() == MessageKind.NOTE
        self.setProperty("mode", "note" if note else "reply")
        self.style().unpolish(self)
        self.style().polish(self)
        if note:
            self.send_button.setText(tr("Add note"))
            self.hint.setText(tr("Only colleagues see internal notes."))
            self.editor.setPlaceholderText(tr("Write an internal note…  (Ctrl+Enter to add)"))
        else:
            self.send_button.setText(tr("Send reply"))
            self.hint.setText(tr("The customer will see this reply."))
            self.editor.setPlaceholderText(tr("Write a reply…  (Ctrl+Enter to send)"))

    def _submit(self) -> None:
        if not self.send_button.isEnabled():
            return
        text = self.editor.toPlainText().strip()
        if text:
            self.send_requested.emit(self.kind(), text)
