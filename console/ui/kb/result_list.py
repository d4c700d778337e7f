"""The list of articles on the knowledge page: title and snippet with the matches marked.

Rows are plain data (`ResultRow`) holding already-escaped HTML; the delegate lays each one out
as a small rich-text document sized to the list's width.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from console.core.kb.markdown import clean_text
from console.ui.kb.highlight import marked_html

if TYPE_CHECKING:
    from console.api.schemas_kb import KbArticleOut
    from console.core.kb import KbHit

__all__ = ["ResultList", "ResultModel", "ResultRow", "row_for_article", "row_for_hit"]

_PAD = 8
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ResultRow:
    article_id: int
    lang: str
    title_html: str
    snippet_html: str
    detail: str  # category and language, already translated, plain text

    def html(self) -> str:
        return (
            f"<div><b>{self.title_html}</b></div>"
            f'<div style="color:#4b5563;">{self.snippet_html}</div>'
            f'<div style="color:#9aa3ad;font-size:11px;">{html.escape(self.detail)}</div>'
        )


def row_for_hit(hit: KbHit, detail: str) -> ResultRow:
    return ResultRow(
        hit.article_id,
        hit.lang,
        marked_html(hit.title, hit.title_marks),
        marked_html(hit.snippet, hit.snippet_marks),
        detail,
    )


def row_for_article(article: KbArticleOut, lang: str, detail: str) -> ResultRow:
    locale = article.locales[lang]
    summary = clean_text(locale.summary)
    if len(summary) > 160:
        summary = summary[:159] + "…"
    return ResultRow(article.id, lang, marked_html(locale.title), marked_html(summary), detail)


class ResultModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ResultRow] = []

    def set_rows(self, rows: Sequence[ResultRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.AccessibleTextRole:
            doc = QTextDocument()
            doc.setHtml(row.html())
            return doc.toPlainText()
        return None


class _RowDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        row: ResultRow = index.data(Qt.ItemDataRole.UserRole)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        doc.setHtml(row.html())
        doc.setTextWidth(max(60, option.rect.width() - 2 * _PAD))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index)
        rect: QRect = option.rect
        painter.save()
        painter.translate(rect.left() + _PAD, rect.top() + _PAD)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(
            QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text)
        )
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        doc = self._document(option, index)
        width: int = option.rect.width()
        return QSize(width, int(doc.size().height()) + 2 * _PAD)


class ResultList(QListView):
    article_chosen = Signal(int, str)  # article id, the language shown in the row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbResults")
        self.model_ = ResultModel(self)
        self.setModel(self.model_)
        self.setItemDelegate(_RowDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(self._chosen)

    def set_rows(self, rows: Sequence[ResultRow]) -> None:
        self.model_.set_rows(rows)

    def rows(self) -> list[ResultRow]:
        return list(self.model_.rows)

    def choose(self, row: int) -> None:
        self.setCurrentIndex(self.model_.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._chosen(current)

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            row: ResultRow = index.data(Qt.ItemDataRole.UserRole)
            self.article_chosen.emit(row.article_id, row.lang)
