"""How inbox rows are painted: one delegate for every column, from the model's RowCells.

The default delegate asks the model for a dozen roles per cell through Qt's variant layer and
styles each cell through the style sheet; at a page of rows per scroll step that costs more than
the store query. This delegate takes the row's texts and tones straight from the model
(`row_cells`, worked out once per row), paints plain backgrounds in the style sheet's colours and
keeps coloured state labels (pills: priority, status, SLA, VIP tier) as cached pixmaps. Colour
always comes with a word.

The ticket table paints whole rows through `paint_rows` (Qt's per-cell loop calls Python once
per cell, which at a screenful of rows costs as much as the text): each row becomes one pixmap,
kept under what the row shows (RowCells.keys: text, tone, bold subject, VIP badge per column),
the column layout, selection, row parity and pixel ratio. Repainting rows that did not change
(hover, selection, a live refresh, scrolling back) is one drawPixmap per row; a changed ticket or
a new SLA minute gives the row new keys and it is painted anew. Fonts come from the table
(`set_font`, on its font change events), not from each cell's options.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

if TYPE_CHECKING:
    from console.ui.inbox.ticket_table_model import RowCells, TicketTableModel

__all__ = ["TONES", "RowDelegate"]

_Index = QModelIndex | QPersistentModelIndex

# tone -> (background, text); the same words as the model's ToneRole.
TONES: dict[str, tuple[str, str]] = {
    "urgent": ("#fde2e1", "#b91c1c"),
    "high": ("#fdecd3", "#9a4b00"),
    "normal": ("#eef1f5", "#4b5563"),
    "low": ("#f3f4f6", "#6b7280"),
    "new": ("#dbeafe", "#1d4ed8"),
    "open": ("#e0f2e9", "#166534"),
    "pending": ("#f3e8ff", "#6b21a8"),
    "on_hold": ("#fef3c7", "#92400e"),
    "done": ("#f3f4f6", "#6b7280"),
    "ok": ("#e0f2e9", "#166534"),
    "due_soon": ("#fdecd3", "#9a4b00"),
    "breached": ("#dc2626", "#ffffff"),
    "paused": ("#eef1f5", "#4b5563"),
    "met": ("#f3f4f6", "#6b7280"),
    "vip": ("#fff4d6", "#8a5a00"),
}
_BOLD_TONES = frozenset({"urgent", "breached", "vip"})
# The style sheet's table colours (resources/style.qss, QTableView#ticketTable).
_BASE, _ALTERNATE, _SELECTED = QColor("#ffffff"), QColor("#f9fafb"), QColor("#dbe7fb")
_TEXT, _SELECTED_TEXT = QColor("#1f2933"), QColor("#111827")
_PAD_X, _MARGIN = 7, 6
_MAX_CACHED = 600  # pills
MAX_ROW_BYTES = 8 * 1024 * 1024  # painted rows kept, by pixel memory (about three screens)
_SELECTED_STATE = QStyle.StateFlag.State_Selected
_ID_COLUMN, _SUBJECT_COLUMN, _CUSTOMER_COLUMN = 0, 2, 3  # Column.ID, .SUBJECT, .CUSTOMER
_MAX_CACHED_ADVANCES = 4_096
_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
_RIGHT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight


def _background(selected: bool, row: int) -> QColor:
    return _SELECTED if selected else _ALTERNATE if row & 1 else _BASE


def _bytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4


class RowDelegate(QStyledItemDelegate):
    def __init__(self, model: TicketTableModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model
        self._pills: dict[tuple[str, str, float], QPixmap] = {}
        self._rows: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._row_bytes = 0
        self._advances: dict[tuple[str, bool], int] = {}
        self._font = QFont()
        self._bold = QFont()
        self._metrics = QFontMetrics(self._font)
        self._bold_metrics = QFontMetrics(self._bold)
        self._font_key: str | None = None
        self.set_font(parent.font())

    # --- fonts and caches --------------------------------------------------------------------

    def set_font(self, font: QFont) -> None:
        """The table's font (at start and on each font change): cached pixels start over."""
        key = font.key()
        if key == self._font_key:
            return
        self._font_key = key
        self._font = QFont(font)
        self._bold = QFont(font)
        self._bold.setBold(True)
        self._metrics = QFontMetrics(self._font)
        self._bold_metrics = QFontMetrics(self._bold)
        self.clear_cache()

    def clear_cache(self) -> None:
        self._pills.clear()
        self._rows.clear()
        self._row_bytes = 0
        self._advances.clear()

    def _advance(self, text: str, bold: bool) -> int:
        """Width of a (short, repeated) text in the table's font, measured once."""
        key = (text, bold)
        width = self._advances.get(key)
        if width is None:
            if len(self._advances) >= _MAX_CACHED_ADVANCES:
                self._advances.clear()
            metrics = self._bold_metrics if bold else self._metrics
            width = self._advances[key] = metrics.horizontalAdvance(text)
        return width

    def cached_rows(self) -> int:
        return len(self._rows)

    def pill(self, text: str, tone: str, ratio: float) -> QPixmap:
        key = (text, tone, ratio)
        pixmap = self._pills.get(key)
        if pixmap is not None:
            return pixmap
        bold = tone in _BOLD_TONES
        font = self._bold if bold else self._font
        metrics = self._bold_metrics if bold else self._metrics
        width = metrics.horizontalAdvance(text) + 2 * _PAD_X
        height = metrics.height() + 4
        pixmap = QPixmap(QSize(width, height) * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background, foreground = TONES[tone]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(QRect(0, 0, width, height), height / 2, height / 2)
        painter.setPen(QColor(foreground))
        painter.setFont(font)
        painter.drawText(QRect(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        if len(self._pills) >= _MAX_CACHED:
            self._pills.clear()
        self._pills[key] = pixmap
        return pixmap

    # --- painting ----------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """One cell, straight onto the view (the table itself paints whole rows: paint_rows)."""
        row = index.row()
        cells = self._model.row_cells(row)
        left, top, width, height = option.rect.getRect()  # type: ignore[attr-defined]
        selected = _SELECTED_STATE in option.state  # type: ignore[attr-defined]
        painter.fillRect(left, top, width, height, _background(selected, row))
        if cells is not None and width > 0:
            device = painter.device()
            ratio = device.devicePixelRatioF() if device is not None else 1.0
            inner = QRect(left + _MARGIN, top, width - 2 * _MARGIN, height)
            self._draw_content(painter, inner, cells, index.column(), selected, ratio)

    def paint_rows(self, table: QTableView, painter: QPainter, area: QRect) -> None:
        """The rows of `table` that meet `area` (viewport coordinates), one pixmap per row.

        A row's pixmap is kept under what it shows (RowCells.keys), the column layout, its
        height, selection, parity and pixel ratio: repainting a row that did not change is one
        drawPixmap, a row whose ticket or clock text changed is painted anew.
        """
        count = self._model.rowCount()
        first = table.rowAt(area.top())
        if count == 0 or first < 0:
            return
        last = table.rowAt(area.bottom())
        last = count - 1 if last < 0 else last
        header = table.horizontalHeader()
        layout = tuple(
            (column, header.sectionPosition(column), header.sectionSize(column))
            for column in range(header.count())
            if not header.isSectionHidden(column)
        )
        if not layout:
            return
        width = max(x + w for _c, x, w in layout)
        left = -header.offset()
        ratio = table.viewport().devicePixelRatioF()
        selection = table.selectionModel()
        root = table.rootIndex()
        rows = self._rows
        for row in range(first, last + 1):
            top = table.rowViewportPosition(row)
            height = table.rowHeight(row)
            selected = selection is not None and selection.isRowSelected(row, root)
            cells = self._model.row_cells(row)
            key = (cells.keys if cells is not None else None, layout, height, selected, row & 1)
            key += (ratio,)
            pixmap = rows.get(key)
            if pixmap is None:
                if height <= 0:
                    continue
                pixmap = self._paint_row(cells, layout, width, height, selected, row, ratio)
                rows[key] = pixmap
                self._row_bytes += _bytes(pixmap)
                while self._row_bytes > MAX_ROW_BYTES and len(rows) > 1:
                    _key, old = rows.popitem(last=False)
                    self._row_bytes -= _bytes(old)
            else:
                rows.move_to_end(key)
            painter.drawPixmap(left, top, pixmap)

    def _paint_row(
        self,
        cells: RowCells | None,
        layout: tuple[tuple[int, int, int], ...],
        width: int,
        height: int,
        selected: bool,
        row: int,
        ratio: float,
    ) -> QPixmap:
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(_background(selected, row))
        if cells is None:
            return pixmap
        painter = QPainter(pixmap)
        try:
            for column, x, w in layout:
                if w > 2 * _MARGIN:
                    inner = QRect(x + _MARGIN, 0, w - 2 * _MARGIN, height)
                    painter.setClipRect(x, 0, w, height)
                    self._draw_content(painter, inner, cells, column, selected, ratio)
        finally:
            painter.end()
        return pixmap

    def _draw_content(
        self, painter: QPainter, inner: QRect, cells, column: int, selected: bool, ratio: float
    ) -> None:
        text = cells.texts[column]
        if not text:
            return
        tone = cells.tones[column]
        if tone is not None and tone in TONES:
            self._draw_pill(painter, inner, text, tone, ratio)
        else:
            self._draw_text(painter, inner, cells, column, text, selected, ratio)

    def _draw_text(
        self,
        painter: QPainter,
        inner: QRect,
        cells,
        column: int,
        text: str,
        selected: bool,
        ratio: float,
    ) -> None:
        painter.setPen(_SELECTED_TEXT if selected else _TEXT)
        bold = column == _SUBJECT_COLUMN and cells.bold  # a new ticket's subject
        painter.setFont(self._bold if bold else self._font)
        metrics = self._bold_metrics if bold else self._metrics
        vip_text = cells.vip_text if column == _CUSTOMER_COLUMN else ""
        badge = self.pill(vip_text, "vip", ratio) if vip_text else None
        room = inner.width() - (int(badge.width() / ratio) + 6 if badge is not None else 0)
        if column != _SUBJECT_COLUMN and self._advance(text, bold) <= room:
            shown = text  # names, times, labels: short, repeated, and nearly always fit
        else:
            shown = metrics.elidedText(text, _ELIDE_RIGHT, max(0, room))
        painter.drawText(inner, _RIGHT if column == _ID_COLUMN else _LEFT, shown)
        if badge is not None:
            left = inner.left() + self._advance(shown, bold) + 6
            self._draw_pixmap(painter, QRect(left, inner.top(), room, inner.height()), badge)

    def _draw_pill(
        self, painter: QPainter, rect: QRect, text: str, tone: str, ratio: float
    ) -> None:
        bold = tone in _BOLD_TONES
        metrics = self._bold_metrics if bold else self._metrics
        if self._advance(text, bold) + 2 * _PAD_X > rect.width():
            text = metrics.elidedText(text, _ELIDE_RIGHT, rect.width() - 2 * _PAD_X)
        self._draw_pixmap(painter, rect, self.pill(text, tone, ratio))

    @staticmethod
    def _draw_pixmap(painter: QPainter, rect: QRect, pixmap: QPixmap) -> None:
        ratio = pixmap.devicePixelRatio() or 1.0
        height = int(pixmap.height() / ratio)
        top = rect.top() + (rect.height() - height) // 2
        painter.drawPixmap(rect.left(), top, pixmap)
