"""The look: one application font with a CJK fallback, and the QSS style sheet in resources/.

`apply_style` sets both. The start-up path splits them: `apply_base_style` before any widget
exists, `ensure_style_sheet` right before the first window shows, so the widgets built in
between are styled once when they are first shown rather than again at every reparenting.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from console.core.data_files import resources_dir

__all__ = ["FONT_FAMILIES", "apply_base_style", "apply_style", "ensure_style_sheet"]

log = logging.getLogger(__name__)

# Latin from the platform UI font, Chinese from Noto Sans CJK (Linux) / YaHei / PingFang.
FONT_FAMILIES = [
    "Segoe UI",
    "Inter",
    "Noto Sans",
    "Noto Sans CJK SC",
    "Microsoft YaHei UI",
    "PingFang SC",
    "DejaVu Sans",
]
FONT_PIXEL_SIZE = 13


def apply_style(app: QApplication) -> None:
    apply_base_style(app)
    _apply_style_sheet(app)


def apply_base_style(app: QApplication) -> None:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(FONT_PIXEL_SIZE)
    font.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    app.setFont(font)
    app.setStyle("Fusion")


def ensure_style_sheet() -> None:
    """The style sheet on the running application, unless it has one already."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not app.styleSheet():
        _apply_style_sheet(app)


def _apply_style_sheet(app: QApplication) -> None:
    path = resources_dir() / "style.qss"
    try:
        app.setStyleSheet(path.read_text("utf-8"))
    except OSError:
        log.warning("style sheet %s is missing; using the platform look", path)
