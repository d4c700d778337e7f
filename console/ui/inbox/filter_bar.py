"""The filter bar: search box, one drop-down per filter field, and "Save view…".

It holds `Filters` minus the order (the table's header owns that) and announces every change
once; search text is debounced so typing does not query the store per keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from console.core.domain import Category, Channel, Language, Priority
from console.ui.i18n import tr
from console.ui.inbox.inbox_views import Filters
from console.ui.labels import category_label, channel_label, priority_label

__all__ = ["SEARCH_DEBOUNCE_MS", "FilterBar"]

SEARCH_DEBOUNCE_MS = 250
# Channels an agent works from, in the order the issue lists them (social is kept for old data).
CHANNELS = (
    Channel.EMAIL,
    Channel.WEB_FORM,
    Channel.IN_APP,
    Channel.X,
    Channel.TELEGRAM,
    Channel.PHONE,
    Channel.SOCIAL,
)
PRIORITIES = (Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW)
GROUPS = ("general", "vip", "security", "risk_aml", "finance", "compliance", "engineering")
COMMON_TAGS = ("withdrawal", "deposit", "2fa", "kyc", "refund", "phishing", "api", "p2p")


def _language_names() -> dict[str, str]:
    return {
        Language.ZH: tr("Chinese"),
        Language.EN: tr("English"),
        Language.JA: tr("Japanese"),
        Language.KO: tr("Korean"),
    }


def _group_names() -> dict[str, str]:
    return {
        "general": tr("General"),
        "vip": tr("VIP desk"),
        "security": tr("Security"),
        "risk_aml": tr("Risk & AML"),
        "finance": tr("Finance"),
        "compliance": tr("Compliance"),
        "engineering": tr("Engineering"),
    }


class _Choice(QComboBox):
    """A drop-down whose first entry means 'any'; item data holds the stored value."""

    def __init__(
        self,
        name: str,
        values: Sequence[str],
        label: Callable[[str], str],
        any_text: Callable[[], str],
        *,
        editable: bool = False,
    ) -> None:
        super().__init__(objectName="filterBox")
        self.setProperty("filter", name)
        # Sized by its caption, not its longest entry: six of them share one row.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(7)
        self._values = list(values)
        self._label = label
        self._any_text = any_text
        self.setEditable(editable)
        if editable:
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.retranslate()

    def retranslate(self) -> None:
        current = self.value()
        blocked = self.blockSignals(True)
        try:
            self.clear()
            self.addItem(self._any_text(), None)
            for value in self._values:
                self.addItem(self._label(value), value)
            self.set_value(current)
        finally:
            self.blockSignals(blocked)
        if self.isEditable() and self.lineEdit() is not None:
            self.lineEdit().setPlaceholderText(self._any_text())

    def mark_active(self) -> None:
        """Styled apart while it narrows the list, so a forgotten filter is seen."""
        active = self.value() is not None
        if self.property("active") != active:
            self.setProperty("active", active)
            self.style().unpolish(self)
            self.style().polish(self)

    def value(self) -> str | None:
        if self.isEditable():
            text = self.currentText().strip()
            index = self.findText(text)
            if index >= 0:
                return self.itemData(index)
            return text or None
        data = self.currentData()
        return str(data) if data else None

    def set_value(self, value: str | None) -> None:
        index = self.findData(value) if value else 0
        if index >= 0:
            self.setCurrentIndex(index)
        elif self.isEditable():
            self.setEditText(value or "")
        self.mark_active()


class FilterBar(QWidget):
    changed = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.search = QLineEdit(objectName="searchBox")
        self.search.setClearButtonEnabled(True)
        self.save_button = QPushButton(objectName="saveViewButton")
        self.clear_button = QPushButton(objectName="linkButton")
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.boxes: dict[str, _Choice] = {
            "channel": _Choice("channel", CHANNELS, channel_label, lambda: tr("Channel")),
            "category": _Choice("category", list(Category), category_label, lambda: tr("Category")),
            "language": _Choice(
                "language",
                list(Language),
                lambda v: _language_names().get(v, v),
                lambda: tr("Language"),
            ),
            "priority": _Choice("priority", PRIORITIES, priority_label, lambda: tr("Priority")),
            "tag": _Choice("tag", COMMON_TAGS, str, lambda: tr("Tag"), editable=True),
            "group": _Choice(
                "group", GROUPS, lambda v: _group_names().get(v, v), lambda: tr("Group")
            ),
        }
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.save_button)
        search_row.addWidget(self.clear_button)
        box_row = QHBoxLayout()
        box_row.setContentsMargins(0, 0, 0, 0)
        box_row.setSpacing(4)
        for box in self.boxes.values():
            box_row.addWidget(box, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(search_row)
        layout.addLayout(box_row)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._search_settled)
        self._applied_text = ""
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_settled)
        for name, box in self.boxes.items():
            if name == "tag":
                box.activated.connect(lambda _i: self._box_changed())
                box.lineEdit().editingFinished.connect(self._tag_edited)
            else:
                box.currentIndexChanged.connect(lambda _i: self._box_changed())
        self.save_button.clicked.connect(self.save_requested)
        self.clear_button.clicked.connect(self.clear)
        self._last_tag: str | None = None
        self.retranslate()

    # --- state -------------------------------------------------------------------------------

    def filters(self, base: Filters | None = None) -> Filters:
        """The bar's choices over `base` (which supplies the order)."""
        values = {name: box.value() for name, box in self.boxes.items()}
        return replace(base or Filters(), text=self.search.text().strip(), **values)

    def set_filters(self, filters: Filters) -> None:
        """Show `filters` without announcing a change (opening a saved view)."""
        for name, box in self.boxes.items():
            blocked = box.blockSignals(True)
            try:
                box.set_value(getattr(filters, name))
            finally:
                box.blockSignals(blocked)
        self._last_tag = filters.tag
        blocked = self.search.blockSignals(True)
        try:
            self.search.setText(filters.text)
        finally:
            self.search.blockSignals(blocked)
        self._search_timer.stop()
        self._applied_text = filters.text

    def clear(self) -> None:
        self.set_filters(Filters())
        self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            tr("Search subject, message, customer UID, name, email, tx hash or #id  ( / )")
        )
        self.save_button.setText(tr("Save view…"))
        self.save_button.setToolTip(tr("Keep the current view and filters under a name"))
        self.clear_button.setText(tr("Clear"))
        self.clear_button.setToolTip(tr("Clear the filters and the search"))
        for box in self.boxes.values():
            box.retranslate()

    # --- reactions ---------------------------------------------------------------------------

    def _search_settled(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if text != self._applied_text:
            self._applied_text = text
            self.changed.emit()

    def _box_changed(self) -> None:
        for box in self.boxes.values():
            box.mark_active()
        self.changed.emit()

    def _tag_edited(self) -> None:
        tag = self.boxes["tag"].value()
        if tag != self._last_tag:
            self._last_tag = tag
            self._box_changed()
