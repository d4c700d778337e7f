"""Where the agent writes in a chat: Enter sends, Shift+Enter starts a new line; files with a
preview of images; canned replies (macros) and knowledge-base articles inserted at the cursor;
and a draft per chat saved as they type (300 ms after the first unsaved key) and when the box
loses focus, so it survives switching chats, a crash or a restart."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.ui.chat.chat_files import (
    CHAT_FILE_TYPES,
    MAX_CHAT_FILE_BYTES,
    MAX_CHAT_FILES,
    chat_file_refusal,
    local_preview,
)
from console.ui.i18n import tr
from console.ui.outgoing_check import outgoing_problems
from console.ui.ticket.attachment_files import file_size_text
from console.ui.widgets.draft_text import clear_quietly, keep_draft
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

__all__ = ["DRAFT_SAVE_MS", "ChatComposer", "ChatEditor", "chat_draft_key"]

DRAFT_SAVE_MS = 300
PREVIEW_SIDE = 48


def chat_draft_key(conversation_id: int) -> str:
    return f"chat:{conversation_id}"


class Drafts(Protocol):
    def draft(self, key: str) -> str | None: ...

    def save_draft(self, key: str, text: str) -> None: ...

    def delete_draft(self, key: str) -> None: ...


class ChatEditor(QPlainTextEdit):
    submit = Signal()
    focus_lost = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        is_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if is_enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submit.emit()
            event.accept()
            return
        if is_enter:  # Shift+Enter: a new line, never a paragraph separator
            self.insertPlainText("\n")
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.focus_lost.emit()
        super().focusOutEvent(event)


class ChatComposer(QFrame):
    send_requested = Signal(str)  # the text; files: see files()
    typed = Signal()  # the agent changed the text
    macro_chosen = Signal(int)
    article_requested = Signal()
    guard_blocked = Signal(int, str)  # conversation id, the message the outgoing guard kept back

    def __init__(self, drafts: Drafts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatComposer")
        self._drafts = drafts
        self._conversation: int | None = None
        self._can_send = True
        self._files: list[Path] = []
        self.editor = ChatEditor(objectName="chatEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(84)
        self.attach_button = QPushButton(objectName="secondaryButton")
        self.attach_button.clicked.connect(self._choose_files)
        self.macro_button = QToolButton(objectName="macroButton")
        self.macro_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.macro_menu = QMenu(self.macro_button)
        self.macro_button.setMenu(self.macro_menu)
        self.article_button = QPushButton(objectName="secondaryButton")
        self.article_button.clicked.connect(self.article_requested)
        self.send_button = QPushButton(objectName="primaryButton")
        self.files_row = QWidget(objectName="composerFiles")
        self._files_layout = QHBoxLayout(self.files_row)
        self._files_layout.setContentsMargins(0, 0, 0, 0)
        self._files_layout.setSpacing(6)
        self._files_layout.addStretch(1)
        self.file_error = PlainLabel(objectName="composerError", selectable=False)
        self.file_error.setWordWrap(True)
        self.hint = QLabel(objectName="mutedLabel")

        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self.attach_button)
        bottom.addWidget(self.macro_button)
        bottom.addWidget(self.article_button)
        bottom.addStretch(1)
        bottom.addWidget(self.hint)
        bottom.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.editor)
        layout.addWidget(self.files_row)
        layout.addWidget(self.file_error)
        layout.addLayout(bottom)
        self.files_row.hide()
        self.file_error.hide()

        self._save_timer = QTimer(self, singleShot=True, interval=DRAFT_SAVE_MS)
        self._save_timer.timeout.connect(self.save_draft_now)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.focus_lost.connect(self.save_draft_now)
        self.editor.submit.connect(self._submit)
        self.send_button.clicked.connect(self._submit)
        self.retranslate()

    # --- state -------------------------------------------------------------------------------

    def text(self) -> str:
        return self.editor.toPlainText()

    def conversation_id(self) -> int | None:
        return self._conversation

    def files(self) -> list[Path]:
        return list(self._files)

    def set_can_send(self, can_send: bool) -> None:
        self._can_send = can_send
        self._update_send_enabled()

    def set_macros(self, macros: Sequence[tuple[int, str]]) -> None:
        """(id, name) of the canned replies offered in the menu."""
        self.macro_menu.clear()
        if not macros:
            self.macro_menu.addAction(tr("No canned replies yet")).setEnabled(False)
        for macro_id, name in macros:
            action = self.macro_menu.addAction(name.replace("&", "&&"))
            action.triggered.connect(lambda _=False, m=macro_id: self.macro_chosen.emit(m))

    def set_conversation(self, conversation_id: int | None) -> None:
        """Switch chats: keep this one's draft, bring back the other's."""
        if conversation_id == self._conversation:
            return
        self.save_draft_now()
        self._conversation = conversation_id
        text = (
            self._drafts.draft(chat_draft_key(conversation_id))
            if conversation_id is not None
            else None
        )
        blocked = self.editor.blockSignals(True)
        try:
            self.editor.setPlainText(text or "")
        finally:
            self.editor.blockSignals(blocked)
        self._files = []
        self.file_error.hide()
        self._render_files()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self._update_send_enabled()

    def insert_text(self, text: str) -> None:
        """At the cursor, as if typed: the draft keeps it too."""
        self.editor.insertPlainText(text)
        self.editor.setFocus()

    def save_draft_now(self) -> None:
        self._save_timer.stop()
        if self._conversation is None:
            return
        keep_draft(self._drafts, chat_draft_key(self._conversation), self.editor.toPlainText())

    def clear_after_send(self) -> None:
        """The message is in the outbox: the draft has done its job."""
        self._save_timer.stop()
        clear_quietly(self.editor)
        if self._conversation is not None:
            self._drafts.delete_draft(chat_draft_key(self._conversation))
        self._files = []
        self.file_error.hide()
        self._render_files()
        self._update_send_enabled()

    def add_files(self, paths: Sequence[Path]) -> list[str]:
        """Queue files for the next message; returns (and shows) why any were refused."""
        refused: list[str] = []
        for path in paths:
            reason = chat_file_refusal(path)
            if reason is None and len(self._files) >= MAX_CHAT_FILES:
                reason = tr("{name}: at most {n} files per message.", name=path.name, n=10)
            if reason is None and path in self._files:
                continue
            if reason is not None:
                refused.append(reason)
            else:
                self._files.append(path)
        self.file_error.setText("\n".join(refused))
        self.file_error.setVisible(bool(refused))
        self._render_files()
        self._update_send_enabled()
        return refused

    def remove_file(self, path: Path) -> None:
        if path in self._files:
            self._files.remove(path)
        self._render_files()
        self._update_send_enabled()

    def retranslate(self) -> None:
        self.attach_button.setText(tr("Attach…"))
        self.attach_button.setToolTip(
            tr(
                "Images, PDF and text files up to {limit}.",
                limit=file_size_text(MAX_CHAT_FILE_BYTES),
            )
        )
        self.macro_button.setText(tr("Canned replies") + " ▾")
        self.article_button.setText(tr("Insert article…"))
        self.send_button.setText(tr("Send"))
        self.hint.setText(tr("Enter to send · Shift+Enter for a new line"))
        self.editor.setPlaceholderText(tr("Write to the customer…"))
        self._update_send_enabled()

    # --- internals ---------------------------------------------------------------------------

    def _choose_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in CHAT_FILE_TYPES)
        names, _ = QFileDialog.getOpenFileNames(
            self, tr("Attach files"), "", tr("Supported files ({patterns})", patterns=patterns)
        )
        if names:
            self.add_files([Path(n) for n in names])

    def _render_files(self) -> None:
        while self._files_layout.count() > 1:
            item = self._files_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, path in enumerate(self._files):
            chip = QFrame(objectName="composerFile")
            line = QHBoxLayout(chip)
            line.setContentsMargins(6, 1, 2, 1)
            line.setSpacing(4)
            image = local_preview(path, PREVIEW_SIDE)
            if image is not None:
                thumb = QLabel(objectName="chatFileThumb")
                thumb.setPixmap(QPixmap.fromImage(image))
                line.addWidget(thumb)
            name = PlainLabel(path.name, selectable=False)
            name.setToolTip(plain_tooltip(str(path)))
            remove = QToolButton(objectName="chipRemove", text="×")
            remove.setToolTip(tr("Remove this file"))
            remove.clicked.connect(lambda _=False, p=path: self.remove_file(p))
            line.addWidget(name)
            line.addWidget(remove)
            self._files_layout.insertWidget(index, chip)
        self.files_row.setVisible(bool(self._files))

    def _on_text_changed(self) -> None:
        if not self._save_timer.isActive():  # steady typing must not postpone the save
            self._save_timer.start()
        self._update_send_enabled()
        self.typed.emit()

    def _update_send_enabled(self) -> None:
        ready = self._can_send and self._conversation is not None
        has_content = bool(self.editor.toPlainText().strip()) or bool(self._files)
        self.send_button.setEnabled(ready and has_content)
        self.send_button.setToolTip("" if self._can_send else tr("Connecting to the server…"))

    def _submit(self) -> None:
        if not self.send_button.isEnabled():
            return
        text = self.editor.toPlainText().strip()
        problems = outgoing_problems(text)
        if problems is not None:  # stays in the composer, with the reason
            self.file_error.setText(problems)
            self.file_error.show()
            if self._conversation is not None:  # supervisors see the attempt (the audit log)
                self.guard_blocked.emit(self._conversation, text)
            return
        self.send_requested.emit(text)
