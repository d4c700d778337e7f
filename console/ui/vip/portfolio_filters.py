"""Narrowing the portfolio: what a filter is (PortfolioFilter, plain data the model applies) and
the bar that sets it (name or UID, tier range, waiting only, with risk, language, and for a
supervisor whose portfolio it is)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from console.api.schemas_vip import VipClientSummary
from console.core.vip import MAX_TIER, MIN_TIER
from console.ui.i18n import tr
from console.ui.vip.vip_labels import language_label
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["PortfolioFilter", "PortfolioFilterBar"]


@dataclass(frozen=True, slots=True)
class PortfolioFilter:
    text: str = ""  # part of the name or UID, any case
    tier_min: int = MIN_TIER
    tier_max: int = MAX_TIER
    waiting_only: bool = False
    with_risk: bool = False
    language: str = ""  # "": every language
    manager_id: int | None = None  # a supervisor's pick: that manager's (or backup's) clients

    def matches(self, row: VipClientSummary) -> bool:
        if not self.tier_min <= row.tier <= self.tier_max:
            return False
        if self.waiting_only and row.waiting_items <= 0:
            return False
        if self.with_risk and not row.risks:
            return False
        if self.language and row.language != self.language:
            return False
        if self.manager_id is not None and self.manager_id not in (
            row.manager_id,
            row.backup_manager_id,
        ):
            return False
        text = self.text.strip().casefold()
        return not text or text in row.display_name.casefold() or text in row.uid.casefold()

    @property
    def narrowed(self) -> bool:
        return self != PortfolioFilter(manager_id=self.manager_id)


class PortfolioFilterBar(QWidget):
    changed = Signal(object)  # PortfolioFilter

    def __init__(self, supervisor: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = PortfolioFilter()
        self.search = QLineEdit(objectName="vipSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.textChanged.connect(lambda text: self._set(text=text))
        self.tier_caption = PlainLabel(objectName="mutedLabel", selectable=False)
        self.tier_min = QSpinBox(objectName="vipTierMin")
        self.tier_max = QSpinBox(objectName="vipTierMax")
        for box, value in ((self.tier_min, MIN_TIER), (self.tier_max, MAX_TIER)):
            box.setRange(MIN_TIER, MAX_TIER)
            box.setValue(value)
            box.valueChanged.connect(self._tiers_changed)
        self.tier_dash = PlainLabel("–", selectable=False)
        self.waiting_only = QCheckBox(objectName="vipWaitingOnly")
        self.waiting_only.toggled.connect(lambda on: self._set(waiting_only=on))
        self.with_risk = QCheckBox(objectName="vipWithRisk")
        self.with_risk.toggled.connect(lambda on: self._set(with_risk=on))
        self.language_box = QComboBox(objectName="vipLanguage")
        self.language_box.addItem("", "")
        self.language_box.currentIndexChanged.connect(
            lambda _i: self._set(language=self.language_box.currentData() or "")
        )
        self.manager_box = QComboBox(objectName="vipManager")
        self.manager_box.addItem("", None)
        self.manager_box.currentIndexChanged.connect(
            lambda _i: self._set(manager_id=self.manager_box.currentData())
        )
        self.manager_box.setVisible(supervisor)
        self.manager_box.setMinimumContentsLength(14)

        row = QHBoxLayout(self)
        row.setContentsMargins(12, 0, 12, 0)
        row.setSpacing(8)
        row.addWidget(self.search, 2)
        row.addWidget(self.tier_caption)
        row.addWidget(self.tier_min)
        row.addWidget(self.tier_dash)
        row.addWidget(self.tier_max)
        row.addWidget(self.waiting_only)
        row.addWidget(self.with_risk)
        row.addWidget(self.language_box)
        row.addWidget(self.manager_box)
        row.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(tr("Search name or UID"))
        self.tier_caption.setText(tr("Tier"))
        self.waiting_only.setText(tr("Waiting only"))
        self.with_risk.setText(tr("With risk"))
        self.language_box.setItemText(0, tr("All languages"))
        for i in range(1, self.language_box.count()):
            self.language_box.setItemText(i, language_label(self.language_box.itemData(i)))
        self.manager_box.setItemText(0, tr("All managers"))
        self.manager_box.setToolTip(tr("Show one manager's portfolio: their clients and backups"))

    def current(self) -> PortfolioFilter:
        return self._filter

    def offer(self, rows: Iterable[VipClientSummary]) -> None:
        """Offer the languages and managers found in the portfolio, keeping the choices."""
        rows = list(rows)
        languages = sorted({r.language for r in rows})
        managers = sorted({(r.manager_name, r.manager_id) for r in rows})
        _refill(self.language_box, [(language_label(code), code) for code in languages])
        _refill(self.manager_box, managers)

    def clear(self) -> None:
        manager = self._filter.manager_id
        for widget in (self.search, self.tier_min, self.tier_max, self.waiting_only):
            widget.blockSignals(True)
        self.search.clear()
        self.tier_min.setValue(MIN_TIER)
        self.tier_max.setValue(MAX_TIER)
        self.waiting_only.setChecked(False)
        for widget in (self.search, self.tier_min, self.tier_max, self.waiting_only):
            widget.blockSignals(False)
        self.with_risk.setChecked(False)
        self.language_box.setCurrentIndex(0)
        self._set(**vars_of(PortfolioFilter(manager_id=manager)))

    def _tiers_changed(self) -> None:
        low, high = self.tier_min.value(), self.tier_max.value()
        if low > high:  # the other end follows rather than leaving an empty range
            sender = self.sender()
            other = self.tier_max if sender is self.tier_min else self.tier_min
            other.blockSignals(True)
            other.setValue(low if sender is self.tier_min else high)
            other.blockSignals(False)
            low, high = self.tier_min.value(), self.tier_max.value()
        self._set(tier_min=low, tier_max=high)

    def _set(self, **change: object) -> None:
        wanted = replace(self._filter, **change)  # type: ignore[arg-type]
        if wanted != self._filter:
            self._filter = wanted
            self.changed.emit(wanted)


def vars_of(value: PortfolioFilter) -> dict[str, object]:
    return {name: getattr(value, name) for name in PortfolioFilter.__slots__}


def _refill(box: QComboBox, entries: list[tuple[str, object]]) -> None:
    """Entries after the first ("all"), keeping the current choice when it is still offered."""
    current = box.currentData()
    box.blockSignals(True)
    while box.count() > 1:
        box.removeItem(1)
    for text, value in entries:
        box.addItem(text, value)
    index = box.findData(current) if current not in (None, "") else 0
    box.setCurrentIndex(max(index, 0))
    box.blockSignals(False)
    if box.currentData() != current:
        box.currentIndexChanged.emit(box.currentIndex())
