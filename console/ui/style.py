"""The look: one application font with a CJK fallback, and the QSS style sheet in resources/."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from console.ui.paths import resources_dir

__all__ = ["FONT_FAMILIES", "apply_style"]

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
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(FONT_PIXEL_SIZE)
    font.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    app.setFont(font)
    app.setStyle("Fusion")
    path = resources_dir() / "style.qss"
    try:
        app.setStyleSheet(path.read_text("utf-8"))
    except OSError:
        log.warning("style sheet %s is missing; using the platform look", path)
