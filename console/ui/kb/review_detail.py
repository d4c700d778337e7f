"""The right side of the review page: the chosen flag, proposed edit (with its diff against the
published version) or due article, and the buttons that act on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from console.core.kb.markdown import clean_text
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.kb.article_text import reply_language
from console.ui.kb.review_diff import diff_html, revision_diff
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_kb import KbArticleOut, KbFlagOut, KbRevisionOut

__all__ = ["ReviewDetail", "article_title"]


def article_title(article: KbArticleOut) -> str:
    return clean_text(article.locales[reply_language(article.locales, "en")].title)


class ReviewDetail(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = PlainLabel(objectName="panelTitle")
        self.heading.setWordWrap(True)
        self.meta = PlainLabel(objectName="mutedLabel")
        self.meta.setWordWrap(True)
        self.text = PlainLabel()
        self.text.setWordWrap(True)
        self.conflict = PlainLabel(objectName="errorLabel", selectable=False)
        self.conflict.setWordWrap(True)
        self.diff_view = QTextBrowser(objectName="kbDiff")
        self.diff_view.setOpenLinks(False)
        self.approve_button = QPushButton(objectName="primaryButton")
        self.reject_button = QPushButton(objectName="secondaryButton")
        self.resolve_button = QPushButton(objectName="primaryButton")
        self.accurate_button = QPushButton(objectName="primaryButton")
        self.open_button = QPushButton(objectName="secondaryButton")
        self.empty = PlainLabel(objectName="emptyHint", selectable=False)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (
            self.approve_button,
            self.reject_button,
            self.resolve_button,
            self.accurate_button,
            self.open_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        page = QWidget(objectName="kbReviewDetail")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 12)
        for part in (self.heading, self.meta, self.text, self.conflict):
            layout.addWidget(part)
        layout.addWidget(self.diff_view, 1)
        layout.addLayout(actions)
        self.addWidget(self.empty)
        self.addWidget(page)
        self.retranslate()

    def retranslate(self) -> None:
        self.open_button.setText(tr("Open article"))
        self.resolve_button.setText(tr("Resolve flag"))
        self.approve_button.setText(tr("Approve and publish"))
        self.reject_button.setText(tr("Reject…"))
        self.accurate_button.setText(tr("Still accurate"))
        self.empty.setText(tr("Choose a flag, an edit or an article on the left."))

    def show_nothing(self) -> None:
        self.setCurrentIndex(0)

    def _show(self, kind: str) -> None:
        self.setCurrentIndex(1)
        self.diff_view.setVisible(kind == "revision")
        self.conflict.hide()
        self.approve_button.setVisible(kind == "revision")
        self.reject_button.setVisible(kind == "revision")
        self.resolve_button.setVisible(kind == "flag")
        self.accurate_button.setVisible(kind == "due")

    def show_flag(self, flag: KbFlagOut) -> None:
        self._show("flag")
        self.heading.setText(clean_text(flag.article_title))
        self.meta.setText(
            tr(
                "Flagged by {name}, {when}",
                name=clean_text(flag.agent_name),
                when=short_datetime(flag.created_at),
            )
        )
        self.text.setText(clean_text(flag.comment))

    def show_due(self, article: KbArticleOut) -> None:
        self._show("due")
        self.heading.setText(article_title(article))
        self.meta.setText(
            tr(
                "Last reviewed {reviewed}; due {due}",
                reviewed=article.reviewed_on,
                due=article.review_due_on,
            )
        )
        self.text.setText(
            tr("Read it through. If it is still right, confirm it; if not, propose an edit.")
        )

    def show_revision(self, revision: KbRevisionOut, current: KbArticleOut | None) -> None:
        """The edit against `current`, the published article (None: not in the cache)."""
        self._show("revision")
        self.heading.setText(clean_text(revision.article_title))
        self.meta.setText(
            tr(
                "Proposed by {name}, {when}; based on version {base}",
                name=clean_text(revision.author_name),
                when=short_datetime(revision.created_at),
                base=revision.base_version,
            )
        )
        self.text.setText(clean_text(revision.note) or tr("(no note)"))
        moved = current is not None and current.version != revision.base_version
        self.conflict.setVisible(moved)
        if moved and current is not None:
            self.conflict.setText(
                tr(
                    "The article is now at version {n}: this edit was written against an older "
                    "version and cannot be published as it is.",
                    n=current.version,
                )
            )
        self.approve_button.setEnabled(not moved)
        self.diff_view.setHtml(
            diff_html(revision_diff(current, revision), no_changes=tr("No changes."))
        )
