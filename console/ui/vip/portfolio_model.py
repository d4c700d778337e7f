"""The portfolio as a Qt table model: every client row in memory (a portfolio is hundreds, not
hundreds of thousands), filtered and ordered here, in Python, without a proxy model.

The default order is attention (core.vip.sort_by_attention: overdue and waiting first, then risk,
then follow-ups due, then tier); a header click orders by that column instead. The countdown and
follow-up cells are worked out from `now` at paint time, so `tick()` moves the clock and repaints
those two columns without touching the rows; the other texts are worked out once per row and
kept until the rows, the language or the minute change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from console.api.schemas_vip import VipClientSummary
from console.core.vip import AssetBand, Attention, sort_by_attention
from console.ui.formatting import relative_time
from console.ui.i18n import tr
from console.ui.vip.portfolio_filters import PortfolioFilter
from console.ui.vip.vip_labels import (
    asset_band_label,
    countdown_text,
    follow_up_state,
    follow_up_text,
    language_label,
    risk_label,
    risk_meaning,
    tier_label,
    usd_compact,
)
from console.ui.widgets.plain_text import plain_tooltip

__all__ = ["UID_ROLE", "Clock", "PortfolioColumn", "PortfolioModel"]

Clock = Callable[[], datetime]
UID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex

# Colour with a word: the texts say "−", "Overdue", "Today"; the colours only make them jump out.
RED, AMBER = QColor("#b91c1c"), QColor("#9a4b00")
RED_BG, AMBER_BG = QColor("#fde2e1"), QColor("#fdecd3")
_SOON_SHARE = 0.25  # the last quarter of the target is amber
_BAND_ORDER = {band: i for i, band in enumerate(AssetBand)}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PortfolioColumn(IntEnum):
    CLIENT = 0
    UID = 1
    TIER = 2
    WAITING = 3
    TARGET = 4
    LAST_CONTACT = 5
    FOLLOW_UP = 6
    RISKS = 7
    VOLUME = 8
    ASSETS = 9
    LANGUAGE = 10
    MANAGER = 11


C = PortfolioColumn
_NUMERIC = frozenset({C.TIER, C.WAITING, C.TARGET, C.VOLUME})
_LIVE = (C.TARGET, C.FOLLOW_UP)  # worked out from `now` at paint time


def headers() -> list[str]:
    return [
        tr("Client"),
        tr("UID"),
        tr("Tier"),
        tr("Waiting"),
        tr("Time to target"),
        tr("Last contact"),
        tr("Next follow-up"),
        tr("Risk"),
        tr("30-day volume"),
        tr("Assets"),
        tr("Language"),
        tr("Manager"),
    ]


def _far(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else float("inf")


def _sort_key(column: int) -> Callable[[VipClientSummary], Any]:
    keys: dict[int, Callable[[VipClientSummary], Any]] = {
        C.CLIENT: lambda r: (r.display_name.casefold(), r.uid),
        C.UID: lambda r: r.uid,
        C.TIER: lambda r: r.tier,
        C.WAITING: lambda r: (r.waiting_items, r.open_items),
        C.TARGET: lambda r: _far(r.due_at),
        C.LAST_CONTACT: lambda r: _far(r.last_contact_at),
        C.FOLLOW_UP: lambda r: _far(r.next_follow_up_at),
        C.RISKS: lambda r: len(r.risks),
        C.VOLUME: lambda r: r.volume_30d_usd,
        C.ASSETS: lambda r: _BAND_ORDER.get(r.asset_band, -1),
        C.LANGUAGE: lambda r: r.language,
        C.MANAGER: lambda r: r.manager_name.casefold(),
    }
    return keys[column]


class PortfolioModel(QAbstractTableModel):
    def __init__(self, me_id: int, clock: Clock | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._me_id = me_id
        self._clock = clock or (lambda: datetime.now(UTC))
        self._now = self._clock()
        self._all: list[VipClientSummary] = []
        self._shown: list[VipClientSummary] = []
        self._filter = PortfolioFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None  # None: attention
        self._texts: dict[str, list[str]] = {}  # uid -> the row's fixed texts
        self._minute = self._now.replace(second=0, microsecond=0)
        self._headers = headers()

    # --- rows ------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[VipClientSummary]) -> None:
        """The whole portfolio (filtered and ordered here), in one reset."""
        self.beginResetModel()
        self._all = list(rows)
        self._texts.clear()
        self._now = self._clock()
        self._arrange()
        self.endResetModel()

    def set_filter(self, wanted: PortfolioFilter) -> None:
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._arrange()
        self.endResetModel()

    def filter(self) -> PortfolioFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click; a column < 0 is the attention order."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order) if 0 <= column < len(C) else None
        self._order()
        self.layoutChanged.emit()

    def sort_by_attention(self) -> None:
        self.sort(-1)

    def sorted_by(self) -> tuple[int, Qt.SortOrder] | None:
        return self._sort

    def _arrange(self) -> None:
        matches = self._filter.matches
        self._shown = [row for row in self._all if matches(row)]
        self._order()

    def _order(self) -> None:
        if self._sort is None:
            by_uid = {row.uid: row for row in self._shown}
            items = [(_attention(row), row.uid) for row in self._shown]
            self._shown = [by_uid[uid] for uid in sort_by_attention(items, self._clock())]
            return
        column, order = self._sort
        key = _sort_key(column)
        descending = order == Qt.SortOrder.DescendingOrder
        self._shown.sort(key=lambda r: (key(r), r.uid), reverse=descending)

    def client_at(self, row: int) -> VipClientSummary | None:
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, uid: str) -> int | None:
        return next((i for i, r in enumerate(self._shown) if r.uid == uid), None)

    def uids(self) -> list[str]:
        return [row.uid for row in self._shown]

    def total(self) -> int:
        return len(self._all)

    def waiting_count(self) -> int:
        """Clients shown with something waiting for an answer."""
        return sum(1 for row in self._shown if row.waiting_items > 0)

    def all_rows(self) -> list[VipClientSummary]:
        return list(self._all)

    # --- the clock and the language ------------------------------------------------------------

    def tick(self) -> None:
        """A second passed: repaint the countdown and follow-up cells (a new minute: every
        relative time too)."""
        self._now = self._clock()
        if not self._shown:
            return
        minute = self._now.replace(second=0, microsecond=0)
        last = len(self._shown) - 1
        if minute != self._minute:
            self._minute = minute
            self._texts.clear()
            self.dataChanged.emit(self.index(0, 0), self.index(last, len(C) - 1))
            return
        for column in _LIVE:
            self.dataChanged.emit(self.index(0, column), self.index(last, column))

    def retranslate(self) -> None:
        self._headers = headers()
        self._texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(C) - 1)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, len(C) - 1))

    # --- Qt --------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(C)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(C):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.client_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._live_text(row, column) if column in _LIVE else self._row_texts(row)[column]
        if role == UID_ROLE:
            return row.uid
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == C.FOLLOW_UP:
            state = follow_up_state(row.next_follow_up_at, self._now)
            return RED_BG if state == "overdue" else AMBER_BG if state == "today" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(row, column)
            return plain_tooltip(tip) if tip else None  # names are the client's own text
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return _RIGHT
        return None

    # --- cells -----------------------------------------------------------------------------------

    def _row_texts(self, row: VipClientSummary) -> list[str]:
        texts = self._texts.get(row.uid)
        if texts is None:
            waiting = str(row.waiting_items) if row.waiting_items else "—"
            last = (
                relative_time(row.last_contact_at, self._now, compact=True)
                if row.last_contact_at is not None
                else tr("never")
            )
            texts = self._texts[row.uid] = [
                row.display_name,
                row.uid,
                tier_label(row.tier),
                waiting,
                "",
                last,
                "",
                " · ".join(risk_label(r) for r in row.risks),
                usd_compact(row.volume_30d_usd),
                asset_band_label(row.asset_band),
                language_label(row.language),
                row.manager_name,
            ]
        return texts

    def _live_text(self, row: VipClientSummary, column: int) -> str:
        if column == C.TARGET:
            return countdown_text(row.due_at - self._now) if row.due_at is not None else "—"
        return follow_up_text(row.next_follow_up_at, self._now)

    def _foreground(self, row: VipClientSummary, column: int) -> QColor | None:
        if column == C.TARGET and row.due_at is not None:
            left = row.due_at - self._now
            if left.total_seconds() < 0:
                return RED
            if left < timedelta(minutes=row.target_minutes * _SOON_SHARE):
                return AMBER
        if column == C.FOLLOW_UP:
            state = follow_up_state(row.next_follow_up_at, self._now)
            return RED if state == "overdue" else AMBER if state == "today" else None
        if column == C.RISKS and row.risks:
            return RED
        return None

    def _tooltip(self, row: VipClientSummary, column: int) -> str | None:
        if column == C.CLIENT:
            role = (
                tr("You are the backup manager of this client.")
                if row.backup_manager_id == self._me_id and row.manager_id != self._me_id
                else ""
            )
            hours = tr("Contact hours: {hours}", hours=row.contact_hours)
            return "\n".join(part for part in (row.display_name, hours, role) if part)
        if column == C.WAITING:
            return tr(
                "{waiting} waiting for an answer, {open} open in all",
                waiting=row.waiting_items,
                open=row.open_items,
            )
        if column == C.TARGET:
            if row.due_at is None:
                return tr("Nothing is waiting for an answer.")
            left = row.due_at - self._now
            target = tr(
                "Target: first answer within {minutes} min", minutes=f"{row.target_minutes:g}"
            )
            if left.total_seconds() < 0:
                return tr("Overdue by {time}.", time=countdown_text(-left)) + "\n" + target
            return tr("{time} left to answer.", time=countdown_text(left)) + "\n" + target
        if column == C.RISKS and row.risks:
            return "\n".join(f"{risk_label(r)}: {risk_meaning(r)}" for r in row.risks)
        if column == C.FOLLOW_UP and row.next_follow_up_at is not None:
            return follow_up_text(row.next_follow_up_at, self._now, long=True)
        return None


def _attention(row: VipClientSummary) -> Attention:
    return Attention(row.tier, row.due_at, frozenset(row.risks), row.next_follow_up_at)
