"""The text of a composer and its saved draft, for ticket replies and chat messages alike."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

__all__ = ["Drafts", "clear_quietly", "keep_draft"]


class Drafts(Protocol):
    def save_draft(self, key: str, text: str) -> None: ...

    def delete_draft(self, key: str) -> None: ...


def keep_draft(drafts: Drafts, key: str, text: str) -> None:
    """Saved while it says something; an emptied composer leaves no draft behind."""
    if text.strip():
        drafts.save_draft(key, text)
    else:
        drafts.delete_draft(key)


def clear_quietly(editor: QPlainTextEdit | QTextEdit) -> None:
    """Empties the editor without its change signals (which would save an empty draft)."""
    blocked = editor.blockSignals(True)
    try:
        editor.clear()
    finally:
        editor.blockSignals(blocked)
