"""The navigation rail on the left: one button per view that works, settings at the bottom."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["NavRail"]


class NavRail(QFrame):
    page_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navRail")
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        self._labels: dict[str, Callable[[], str]] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 10, 6, 10)
        self._layout.setSpacing(4)
        self._stretch_added = False
        self.badges: dict[str, QLabel] = {}

    def add_page(
        self,
        key: str,
        glyph: str,
        label: Callable[[], str],
        *,
        bottom: bool = False,
        before: str | None = None,
    ):
        """A button at the end of the top group, at the bottom, or just above `before`."""
        button = QToolButton(objectName="navButton")
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setProperty("glyph", glyph)
        button.clicked.connect(lambda _checked=False, k=key: self._choose(k))
        self._group.addButton(button)
        if bottom and not self._stretch_added:
            self._layout.addStretch(1)
            self._stretch_added = True
        if before is not None and before in self.buttons:
            at = self._layout.indexOf(self.buttons[before])
            if self._stretch_added and at > 0:
                at -= 1  # above the stretch: with the top group, not beside `before`
            self._layout.insertWidget(at, button)
        else:
            self._layout.addWidget(button)
        self.buttons[key] = button
        self._labels[key] = label
        self._set_text(key)
        return button

    def set_badge(self, key: str, count: int) -> None:
        """A count in the button's corner (offers and unread chat messages); 0 hides it."""
        badge = self.badges.get(key)
        if badge is None:
            button = self.buttons[key]
            badge = self.badges[key] = QLabel(objectName="navBadge")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            corner = QHBoxLayout(button)
            corner.setContentsMargins(0, 2, 4, 0)
            corner.addStretch(1)
            corner.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        badge.setText(str(count) if count < 100 else "99+")
        badge.setVisible(count > 0)
        self._set_text(key)

    def badge(self, key: str) -> int:
        badge = self.badges.get(key)
        if badge is None or badge.isHidden():
            return 0
        text = badge.text()
        return 100 if text == "99+" else int(text or 0)

    def select(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def current(self) -> str | None:
        for key, button in self.buttons.items():
            if button.isChecked():
                return key
        return None

    def retranslate(self) -> None:
        for key in self.buttons:
            self._set_text(key)

    def _set_text(self, key: str) -> None:
        button = self.buttons[key]
        text = self._labels[key]()
        button.setText(f"{button.property('glyph')}\n{text}")
        badge = self.badges.get(key)
        if badge is not None and not badge.isHidden():
            text = f"{text} ({badge.text()})"
        button.setToolTip(text)

    def _choose(self, key: str) -> None:
        self.page_chosen.emit(key)
