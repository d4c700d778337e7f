"""How inbox rows are painted: one delegate for every column, straight from the ticket object.

The default delegate asks the model for a dozen roles per cell through Qt's variant layer and
styles each cell through the style sheet; at a page of rows per scroll step that costs more than
the store query. This delegate reads the ticket once per cell from the model (no variants),
paints plain backgrounds in the style sheet's colours, and keeps coloured state labels (pills:
priority, status, SLA, VIP tier) as cached pixmaps. Colour always comes with a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.ui.inbox.ticket_table_model import TicketTableModel

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
_MAX_CACHED = 600


class RowDelegate(QStyledItemDelegate):
    def __init__(self, model: TicketTableModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model
        self._pills: dict[tuple[str, str, float], QPixmap] = {}
        self._font_key = ""
        self._font = QFont()
        self._bold = QFont()
        self._metrics = QFontMetrics(self._font)

    def _fonts(self, font: QFont) -> None:
        key = font.key()
        if key != self._font_key:
            self._font_key = key
            self._font = QFont(font)
            self._bold = QFont(font)
            self._bold.setBold(True)
            self._metrics = QFontMetrics(self._font)
            self._pills.clear()

    def pill(self, text: str, tone: str, ratio: float) -> QPixmap:
        key = (text, tone, ratio)
        pixmap = self._pills.get(key)
        if pixmap is not None:
            return pixmap
        font = self._bold if tone in _BOLD_TONES else self._font
        metrics = QFontMetrics(font)
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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        from console.ui.inbox.ticket_table_model import Column

        model = self._model
        ticket = model.ticket_at(index.row())
        rect: QRect = option.rect  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, _SELECTED)
        elif index.row() % 2:
            painter.fillRect(rect, _ALTERNATE)
        else:
            painter.fillRect(rect, _BASE)
        if ticket is None:
            return
        self._fonts(option.font)  # type: ignore[attr-defined]
        column = Column(index.column())
        inner = rect.adjusted(_MARGIN, 0, -_MARGIN, 0)
        text = model.display_text(ticket, column)
        tone = model.tone(ticket, column)
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        if tone is not None and tone in TONES:
            self._draw_pill(painter, inner, text, tone, ratio)
            return
        painter.setPen(_SELECTED_TEXT if selected else _TEXT)
        bold = column == Column.SUBJECT and model.is_new(ticket)
        painter.setFont(self._bold if bold else self._font)
        metrics = QFontMetrics(self._bold) if bold else self._metrics
        tier = model.vip_tier(ticket) if column == Column.CUSTOMER else 0
        badge = self.pill(tr("VIP {tier}", tier=tier), "vip", ratio) if tier > 0 else None
        room = inner.width() - (int(badge.width() / ratio) + 6 if badge is not None else 0)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, room))
        align = Qt.AlignmentFlag.AlignVCenter
        align |= Qt.AlignmentFlag.AlignRight if column == Column.ID else Qt.AlignmentFlag.AlignLeft
        painter.drawText(inner, align, shown)
        if badge is not None:
            left = inner.left() + metrics.horizontalAdvance(shown) + 6
            self._draw_pixmap(painter, QRect(left, inner.top(), room, inner.height()), badge)

    def _draw_pill(
        self, painter: QPainter, rect: QRect, text: str, tone: str, ratio: float
    ) -> None:
        font = self._bold if tone in _BOLD_TONES else self._font
        metrics = QFontMetrics(font) if tone in _BOLD_TONES else self._metrics
        if metrics.horizontalAdvance(text) + 2 * _PAD_X > rect.width():
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 2 * _PAD_X)
        self._draw_pixmap(painter, rect, self.pill(text, tone, ratio))

    @staticmethod
    def _draw_pixmap(painter: QPainter, rect: QRect, pixmap: QPixmap) -> None:
        ratio = pixmap.devicePixelRatio() or 1.0
        height = int(pixmap.height() / ratio)
        top = rect.top() + (rect.height() - height) // 2
        painter.drawPixmap(rect.left(), top, pixmap)
