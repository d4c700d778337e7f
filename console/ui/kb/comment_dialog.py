"""A short dialog that asks for a comment: "what is outdated?" when flagging, "why?" when
rejecting a revision. OK stays disabled until the comment is acceptable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.ui.widgets.plain_text import PlainLabel

__all__ = ["CommentDialog"]


class CommentDialog(QDialog):
    def __init__(
        self,
        title: str,
        prompt: str,
        accept_text: str,
        *,
        max_chars: int,
        required: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kbCommentDialog")
        self.setWindowTitle(title)
        self._max = max_chars
        self._required = required
        self.prompt = PlainLabel(prompt, selectable=False)
        self.prompt.setWordWrap(True)
        self.editor = QPlainTextEdit(objectName="kbComment")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._check)
        self.count = PlainLabel(objectName="mutedLabel", selectable=False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(440, 240)
        self._check()

    def comment(self) -> str:
        return self.editor.toPlainText().strip()

    def _check(self) -> None:
        length = len(self.comment())
        self.count.setText(f"{length} / {self._max}")
        self.ok_button.setEnabled(length <= self._max and (length > 0 or not self._required))
