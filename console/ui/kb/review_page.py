"""The review page: what keeps the knowledge base current.

Supervisors see the open flags and the proposed edits (with a diff against the published
version) and approve, reject with a comment, or resolve. Every agent sees "My articles due for
review" and confirms one with "Still accurate". Flags and revisions are fetched from the server
when the page is shown and whenever a flag or revision event arrives; the due list comes from
the local store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_kb import MAX_KB_COMMENT_CHARS
from console.core.domain import Role
from console.core.kb.markdown import clean_text
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.kb.comment_dialog import CommentDialog
from console.ui.kb.review_detail import ReviewDetail, article_title
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from collections.abc import Callable

    from console.api.schemas import AgentOut
    from console.api.schemas_kb import KbArticleOut, KbFlagOut, KbRevisionOut
    from console.ui.change_bridge import ChangeBatch, ChangeBridge
    from console.ui.kb.ports import KbIntents, KbSource

__all__ = ["ReviewPage"]

log = logging.getLogger(__name__)


class ReviewPage(QWidget):
    open_article = Signal(int)
    notice = Signal(str)

    def __init__(
        self,
        kb: KbSource,
        bridge: ChangeBridge,
        commands: KbIntents,
        me: AgentOut,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self._kb = kb
        self._commands = commands
        self._me = me
        self._today = today
        self.flags: list[KbFlagOut] = []
        self.revisions: list[KbRevisionOut] = []
        self.due: list[KbArticleOut] = []
        self.reject_dialog: CommentDialog | None = None
        self._busy = False

        self.title = PlainLabel(objectName="viewTitle", selectable=False)
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.status.setWordWrap(True)
        self.refresh_button = QPushButton(objectName="secondaryButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.flags_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.flag_list = QListWidget(objectName="kbReviewList")
        self.revisions_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.revision_list = QListWidget(objectName="kbReviewList")
        self.due_title = PlainLabel(objectName="sectionTitle", selectable=False)
        self.due_list = QListWidget(objectName="kbReviewList")
        for widget in (self.flag_list, self.revision_list, self.due_list):
            widget.setWordWrap(True)
            widget.currentRowChanged.connect(lambda _row, w=widget: self._show_detail(w))

        self.detail = ReviewDetail()
        d = self.detail
        d.open_button.clicked.connect(self._open_selected)
        d.resolve_button.clicked.connect(self.resolve_selected)
        d.approve_button.clicked.connect(self.approve_selected)
        d.reject_button.clicked.connect(self.ask_reject)
        d.accurate_button.clicked.connect(self.confirm_selected)

        lists = QWidget(objectName="kbReviewLists")
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(12, 0, 0, 12)
        self.supervisor_parts = (
            self.flags_title,
            self.flag_list,
            self.revisions_title,
            self.revision_list,
        )
        for part in (*self.supervisor_parts, self.due_title, self.due_list):
            lists_layout.addWidget(part, 1 if isinstance(part, QListWidget) else 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(lists)
        split.addWidget(self.detail)
        split.setSizes([420, 780])
        head = QHBoxLayout()
        head.setContentsMargins(12, 0, 12, 0)
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.status, 1)
        head.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addLayout(head)
        layout.addWidget(split, 1)

        for part in self.supervisor_parts:
            part.setVisible(self.is_supervisor())
        commands.review_changed.connect(self._load_queue)
        bridge.changed.connect(self._on_changes)
        self.retranslate()
        self.reload_due()

    # --- public ------------------------------------------------------------------------------

    def is_supervisor(self) -> bool:
        return self._me.role == Role.SUPERVISOR

    def refresh(self) -> None:
        self.reload_due()
        self._load_queue()

    def reload_due(self) -> None:
        self.due = self._kb.review_due(self._me.id, self._today())
        self.due_list.clear()
        for article in self.due:
            item = QListWidgetItem(
                tr("{title}\ndue {date}", title=article_title(article), date=article.review_due_on)
            )
            self.due_list.addItem(item)
        self.due_title.setText(tr("My articles due for review ({n})", n=len(self.due)))
        self._show_detail(self.due_list if self.due_list.hasFocus() else None)

    def set_queue(
        self,
        flags: Sequence[KbFlagOut] | None,
        revisions: Sequence[KbRevisionOut] | None,
        error: str | None,
    ) -> None:
        self._busy = False
        if flags is None or revisions is None:
            self.status.setText(error or tr("The review queue could not be loaded."))
            return
        self.status.setText("")
        self.flags = [f for f in flags if f.state == "open"]
        self.revisions = [r for r in revisions if r.state == "proposed"]
        self.flag_list.clear()
        for flag in self.flags:
            self.flag_list.addItem(
                tr(
                    "{title}\n{name}: {comment}",
                    title=clean_text(flag.article_title),
                    name=clean_text(flag.agent_name),
                    comment=_one_line(flag.comment),
                )
            )
        self.revision_list.clear()
        for revision in self.revisions:
            self.revision_list.addItem(
                tr(
                    "{title}\nby {name}, {when}",
                    title=clean_text(revision.article_title),
                    name=clean_text(revision.author_name),
                    when=short_datetime(revision.created_at),
                )
            )
        self.flags_title.setText(tr("Open flags ({n})", n=len(self.flags)))
        self.revisions_title.setText(tr("Proposed edits ({n})", n=len(self.revisions)))
        self._show_detail(None)

    def selected_flag(self) -> KbFlagOut | None:
        row = self.flag_list.currentRow()
        return (
            self.flags[row]
            if self._current is self.flag_list and 0 <= row < len(self.flags)
            else None
        )

    def selected_revision(self) -> KbRevisionOut | None:
        row = self.revision_list.currentRow()
        ok = self._current is self.revision_list and 0 <= row < len(self.revisions)
        return self.revisions[row] if ok else None

    def selected_due(self) -> KbArticleOut | None:
        row = self.due_list.currentRow()
        return (
            self.due[row] if self._current is self.due_list and 0 <= row < len(self.due) else None
        )

    def retranslate(self) -> None:
        self.title.setText(tr("Knowledge review"))
        self.refresh_button.setText(tr("Refresh"))
        self.flags_title.setText(tr("Open flags ({n})", n=len(self.flags)))
        self.revisions_title.setText(tr("Proposed edits ({n})", n=len(self.revisions)))
        self.due_title.setText(tr("My articles due for review ({n})", n=len(self.due)))
        self.detail.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # --- actions -----------------------------------------------------------------------------

    def approve_selected(self) -> None:
        revision = self.selected_revision()
        if revision is not None:
            self._commands.approve_revision(
                revision.id, "", self._after(tr("The edit was published."))
            )

    def ask_reject(self) -> CommentDialog | None:
        revision = self.selected_revision()
        if revision is None:
            return None
        dialog = CommentDialog(
            tr("Reject the edit"),
            tr("Tell the author why, so they can improve it."),
            tr("Reject"),
            max_chars=MAX_KB_COMMENT_CHARS,
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self._commands.reject_revision(
                revision.id, dialog.comment(), self._after(tr("The edit was rejected."))
            )
        )
        self.reject_dialog = dialog
        dialog.open()
        return dialog

    def resolve_selected(self) -> None:
        flag = self.selected_flag()
        if flag is not None:
            self._commands.resolve_flag(flag.id, self._after(tr("The flag was resolved.")))

    def confirm_selected(self) -> None:
        article = self.selected_due()
        if article is not None:
            self._commands.mark_reviewed(
                article.id, self._after(tr("Thank you: the article is marked as reviewed."))
            )

    # --- internals ---------------------------------------------------------------------------

    _current: QListWidget | None = None

    def _after(self, success: str) -> Callable[[str | None], None]:
        def done(error: str | None) -> None:
            if not shiboken6.isValid(self):
                return
            self.notice.emit(error or success)
            self.refresh()

        return done

    def _load_queue(self) -> None:
        if not self.is_supervisor() or self._busy:
            return
        self._busy = True
        self.status.setText(tr("Loading…"))
        self._commands.load_review_queue(self._queue_loaded)

    def _queue_loaded(
        self,
        flags: list[KbFlagOut] | None,
        revisions: list[KbRevisionOut] | None,
        error: str | None,
    ) -> None:
        if shiboken6.isValid(self):
            self.set_queue(flags, revisions, error)

    def _on_changes(self, batch: ChangeBatch) -> None:
        if batch.touches("kb"):
            self.reload_due()
            if self.selected_revision() is not None:
                self._show_detail(self.revision_list)  # the current version may have moved

    def _show_detail(self, source: QListWidget | None) -> None:
        if source is not None and source.currentRow() >= 0:
            for other in (self.flag_list, self.revision_list, self.due_list):
                if other is not source:
                    other.blockSignals(True)
                    other.setCurrentRow(-1)
                    other.blockSignals(False)
            self._current = source
        else:
            self._current = None
        flag, revision, due = self.selected_flag(), self.selected_revision(), self.selected_due()
        if flag is not None:
            self.detail.show_flag(flag)
        elif revision is not None:
            self.detail.show_revision(revision, self._kb.article(revision.article_id))
        elif due is not None:
            self.detail.show_due(due)
        else:
            self.detail.show_nothing()

    def _open_selected(self) -> None:
        flag, revision, due = self.selected_flag(), self.selected_revision(), self.selected_due()
        article_id = (
            flag.article_id
            if flag is not None
            else revision.article_id
            if revision is not None
            else due.id
            if due is not None
            else None
        )
        if article_id is not None:
            self.open_article.emit(article_id)


def _one_line(text: str, limit: int = 120) -> str:
    flat = " ".join(clean_text(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
