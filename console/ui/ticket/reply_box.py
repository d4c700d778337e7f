"""Where the agent writes: reply or internal note, files, macros, Send with Ctrl+Enter (or send
and set the status), and a draft that is saved as they type (300 ms after the last key) and
whenever the box loses focus, so it survives a crash, a restart or switching tickets."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
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

from console.api.schemas import ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES
from console.core.domain import MessageKind, TicketStatus
from console.store import Store
from console.ui.i18n import tr
from console.ui.labels import status_label
from console.ui.outgoing_check import outgoing_problems
from console.ui.ticket.attachment_files import MAX_FILES, attachment_refusal, file_size_text
from console.ui.widgets.draft_text import clear_quietly, keep_draft
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

__all__ = ["DRAFT_SAVE_MS", "SEND_AND_SET", "DraftEditor", "ReplyBox", "draft_key"]

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


# Statuses offered by "Send and set…": the customer must answer, or we are done.
SEND_AND_SET = (TicketStatus.PENDING, TicketStatus.SOLVED)


class ReplyBox(QFrame):
    send_requested = Signal(str, str)  # kind, text (files: see files())
    send_and_status_requested = Signal(str, str)  # text, status (a reply)
    macro_chosen = Signal(int)  # macro id; the ticket view renders it into the editor
    typing = Signal()  # the agent changed the text
    guard_blocked = Signal(int, str)  # ticket id, the reply the outgoing guard kept back

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyBox")
        self._store = store
        self._ticket_id: int | None = None
        self._can_send = True
        self._files: list[Path] = []
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
        self.send_menu_button = QToolButton(objectName="sendMenuButton")
        self.send_menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.send_menu = QMenu(self.send_menu_button)
        self.send_actions: dict[str, QAction] = {}
        for status in SEND_AND_SET:
            action = self.send_menu.addAction("")
            action.triggered.connect(lambda _=False, s=str(status): self._submit_with_status(s))
            self.send_actions[str(status)] = action
        self.send_menu_button.setMenu(self.send_menu)
        self.attach_button = QPushButton(objectName="secondaryButton")
        self.attach_button.clicked.connect(self._choose_files)
        self.macro_button = QToolButton(objectName="macroButton")
        self.macro_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.macro_menu = QMenu(self.macro_button)
        self.macro_menu.aboutToShow.connect(self._fill_macro_menu)
        self.macro_button.setMenu(self.macro_menu)
        self.files_row = QWidget(objectName="composerFiles")
        self._files_layout = QHBoxLayout(self.files_row)
        self._files_layout.setContentsMargins(0, 0, 0, 0)
        self._files_layout.setSpacing(6)
        self._files_layout.addStretch(1)
        self.files_row.hide()
        self.file_error = PlainLabel(objectName="composerError", selectable=False)
        self.file_error.setWordWrap(True)
        self.file_error.hide()

        top = QHBoxLayout()
        top.setSpacing(0)
        top.addWidget(self.reply_button)
        top.addWidget(self.note_button)
        top.addSpacing(12)
        top.addWidget(self.hint, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self.attach_button)
        bottom.addWidget(self.macro_button)
        bottom.addStretch(1)
        bottom.addWidget(self.send_button)
        bottom.addWidget(self.send_menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.files_row)
        layout.addWidget(self.file_error)
        layout.addLayout(bottom)

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

    def files(self) -> list[Path]:
        return list(self._files)

    def add_files(self, paths: Sequence[Path]) -> list[str]:
        """Queue files for the next message; returns the reasons for the ones refused (also
        shown under the editor), so nothing is silently left out."""
        refused: list[str] = []
        for path in paths:
            reason = attachment_refusal(path)
            if reason is None and len(self._files) >= MAX_FILES:
                reason = tr("{name}: at most {n} files per message.", name=path.name, n=MAX_FILES)
            if reason is None and path in self._files:
                continue
            if reason is not None:
                refused.append(reason)
            else:
                self._files.append(path)
        self.file_error.setText("\n".join(refused))
        self.file_error.setVisible(bool(refused))
        self._render_files()
        return refused

    def remove_file(self, path: Path) -> None:
        if path in self._files:
            self._files.remove(path)
        self._render_files()

    def insert_text(self, text: str) -> None:
        """Put `text` at the cursor (a macro), as if typed: the draft saves it too."""
        self.editor.insertPlainText(text)
        self.editor.setFocus()

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
        self._files = []
        self.file_error.hide()
        self._render_files()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.setEnabled(ticket_id is not None)
        self._update_send_enabled()

    def save_draft_now(self) -> None:
        self._save_timer.stop()
        if self._ticket_id is None:
            return
        keep_draft(self._store, draft_key(self._ticket_id), self.editor.toPlainText())

    def clear_after_send(self) -> None:
        """The message is in the outbox now: the draft has done its job."""
        self._save_timer.stop()
        clear_quietly(self.editor)
        if self._ticket_id is not None:
            self._store.delete_draft(draft_key(self._ticket_id))
        self._files = []
        self.file_error.hide()
        self._render_files()
        self._update_send_enabled()

    def retranslate(self) -> None:
        self.reply_button.setText(tr("Reply"))
        self.note_button.setText(tr("Internal note"))
        self.attach_button.setText(tr("Attach files…"))
        self.attach_button.setToolTip(
            tr(
                "Images, PDF, text, logs and CSV up to {limit}.",
                limit=file_size_text(MAX_ATTACHMENT_BYTES),
            )
        )
        self.macro_button.setText(tr("Macros") + " ▾")
        self.send_menu_button.setText("▾")
        self.send_menu_button.setToolTip(tr("Send and set the status"))
        for status, action in self.send_actions.items():
            action.setText(tr("Send and set {status}", status=status_label(status)))
        self._update_mode()
        self._render_files()

    # --- files and macros --------------------------------------------------------------------

    def _choose_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in sorted(ATTACHMENT_TYPES))
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
            name = PlainLabel(path.name, selectable=False)
            name.setToolTip(plain_tooltip(str(path)))
            remove = QToolButton(objectName="chipRemove", text="×")
            remove.setToolTip(tr("Remove this file"))
            remove.clicked.connect(lambda _=False, p=path: self.remove_file(p))
            line.addWidget(name)
            line.addWidget(remove)
            self._files_layout.insertWidget(index, chip)
        self.files_row.setVisible(bool(self._files))

    def _fill_macro_menu(self) -> None:
        self.macro_menu.clear()
        macros = self._store.macros()
        if not macros:
            empty = self.macro_menu.addAction(tr("No macros yet"))
            empty.setEnabled(False)
        for macro in macros:
            action = self.macro_menu.addAction(macro.name.replace("&", "&&"))
            action.triggered.connect(lambda _=False, m=macro.id: self.macro_chosen.emit(m))

    # --- reactions ---------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        # Not restarted on every keystroke: steady typing would otherwise never be saved. The
        # draft is written at most one timer interval after the first unsaved change.
        if not self._save_timer.isActive():
            self._save_timer.start()
        self._update_send_enabled()
        self.typing.emit()

    def _update_send_enabled(self) -> None:
        ready = self._can_send and self._ticket_id is not None
        has_text = bool(self.editor.toPlainText().strip())
        self.send_button.setEnabled(ready and has_text)
        self.send_menu_button.setEnabled(ready and has_text and self.kind() == MessageKind.REPLY)
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
        self.send_menu_button.setVisible(not note)
        self._update_send_enabled()

    def _submit(self) -> None:
        if not self.send_button.isEnabled():
            return
        text = self.editor.toPlainText().strip()
        if text and not self._blocked(text):
            self.send_requested.emit(self.kind(), text)

    def _submit_with_status(self, status: str) -> None:
        if not self.send_menu_button.isEnabled():
            return
        text = self.editor.toPlainText().strip()
        if text and not self._blocked(text):
            self.send_and_status_requested.emit(text, status)

    def _blocked(self, text: str) -> bool:
        """A reply the outgoing guard refuses stays in the composer, with the reason shown
        (internal notes are not checked: customers never see them)."""
        problems = outgoing_problems(text) if self.kind() == "reply" else None
        if problems is not None:
            self.file_error.setText(problems)
            self.file_error.show()
            if self._ticket_id is not None:  # supervisors see the attempt (the audit log)
                self.guard_blocked.emit(self._ticket_id, text)
        return problems is not None
