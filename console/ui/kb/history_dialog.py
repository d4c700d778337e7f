"""An article's version history: every revision, newest first, with its author, reviewer,
dates and notes. Loaded from the server when the dialog opens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.core.kb.markdown import clean_text
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_kb import KbRevisionOut

__all__ = ["HistoryDialog", "revision_state_label"]


def revision_state_label(state: str) -> str:
    names = {
        "proposed": tr("Proposed"),
        "published": tr("Published"),
        "rejected": tr("Rejected"),
    }
    return names.get(state, state)


class HistoryDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbHistoryDialog")
        self.setWindowTitle(tr("Version history"))
        self.heading = PlainLabel(title, objectName="dialogTitle", selectable=False)
        self.heading.setWordWrap(True)
        self.status = PlainLabel(tr("Loading…"), objectName="mutedLabel", selectable=False)
        self.table = QTableWidget(0, 6, objectName="kbHistory")
        self.table.setHorizontalHeaderLabels(
            [tr("Version"), tr("State"), tr("Author"), tr("Proposed"), tr("Reviewer"), tr("Note")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def set_revisions(self, revisions: Sequence[KbRevisionOut] | None, error: str | None) -> None:
        if revisions is None:
            self.status.setText(error or tr("The history could not be loaded."))
            return
        self.status.setText(tr("{n} revisions", n=len(revisions)))
        self.table.setRowCount(len(revisions))
        for row, rev in enumerate(revisions):
            reviewer = rev.reviewer_name or ""
            if rev.reviewed_at is not None:
                reviewer = f"{reviewer} · {short_datetime(rev.reviewed_at)}"
            notes = [clean_text(rev.note)] if rev.note else []
            if rev.review_comment:
                notes.append(tr("Review: {comment}", comment=clean_text(rev.review_comment)))
            cells = [
                str(rev.number) if rev.number is not None else "—",
                revision_state_label(rev.state),
                clean_text(rev.author_name),
                short_datetime(rev.created_at),
                clean_text(reviewer),
                "\n".join(notes),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
