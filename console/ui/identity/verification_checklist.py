"""The verification checklist: one box per check with what it means, and who last saw it pass
and when. Ticking a box means "I checked this just now"; the panel records the ticked ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from console.api.schemas_identity import MAX_VERIFICATION_NOTE_CHARS
from console.core.identity import CHECK_ORDER, Check
from console.ui.formatting import relative_time, short_datetime
from console.ui.i18n import tr
from console.ui.identity.identity_text import check_hint, check_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_identity import VerificationRecordOut

__all__ = ["VerificationChecklist"]


class VerificationChecklist(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verificationChecklist")
        self.boxes: dict[Check, QCheckBox] = {}
        self.passed: dict[Check, PlainLabel] = {}
        self._records: Sequence[VerificationRecordOut] = ()
        self._now: datetime | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.titles: dict[Check, _ToggleLabel] = {}
        for check in CHECK_ORDER:
            box = self.boxes[check] = QCheckBox(objectName=f"check_{check}")
            # The name in a label of its own: a check box's text never wraps, and a long name
            # would make the whole side column wider than it is.
            title = self.titles[check] = _ToggleLabel(box)
            status = self.passed[check] = PlainLabel(objectName="mutedLabel", selectable=False)
            status.setWordWrap(True)
            status.setContentsMargins(22, 0, 0, 4)
            row = QHBoxLayout()
            row.setSpacing(6)
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(title, 1)
            layout.addLayout(row)
            layout.addWidget(status)
        self.note = QLineEdit(objectName="verificationNote")
        self.note.setMaxLength(MAX_VERIFICATION_NOTE_CHARS)
        layout.addWidget(self.note)
        self.retranslate()

    def ticked(self) -> list[str]:
        return [str(c) for c, box in self.boxes.items() if box.isChecked()]

    def clear_form(self) -> None:
        for box in self.boxes.values():
            box.setChecked(False)
        self.note.clear()

    def set_records(self, records: Sequence[VerificationRecordOut], now: datetime) -> None:
        self._records = records
        self._now = now
        self._show_passes()

    def retranslate(self) -> None:
        for check, box in self.boxes.items():
            box.setAccessibleName(check_label(check))
            box.setToolTip(check_hint(check))
            self.titles[check].setText(check_label(check))
            self.titles[check].setToolTip(check_hint(check))
        self.note.setPlaceholderText(tr("How you checked (optional, never a code or password)"))
        self._show_passes()

    def _show_passes(self) -> None:
        latest: dict[str, VerificationRecordOut] = {}
        for record in self._records:  # newest first
            for check in record.checks:
                latest.setdefault(check, record)
        for check, label in self.passed.items():
            record = latest.get(check)
            if record is None:
                label.setText(tr("Not checked yet"))
                continue
            label.setText(
                tr(
                    "✓ {name} · {when} ({ago})",
                    name=record.agent_name,
                    when=short_datetime(record.created_at),
                    ago=relative_time(record.created_at, self._now),
                )
            )


class _ToggleLabel(PlainLabel):
    """A check's name beside its box; a click on it ticks the box, as a box's own text would."""

    def __init__(self, box: QCheckBox) -> None:
        super().__init__(selectable=False)
        self._box = box
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.toggle()
        super().mouseReleaseEvent(event)
