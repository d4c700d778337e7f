from __future__ import annotations

from importlib.metadata import version

from PySide6.QtWidgets import QMessageBox
from ui_factories import ME

from console.ui.i18n import set_language
from console.ui.shell.settings_view import SettingsView


def test_about_shows_the_installed_version(qtbot) -> None:
    view = SettingsView(ME, "Demo")
    qtbot.addWidget(view)
    installed = version("support-console")
    assert view.version_value.text() == installed
    assert view.about_text().startswith(f"Support Console {installed}\n")

    view.show_about()
    boxes = [w for w in view.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and installed in boxes[0].text()
    boxes[0].close()


def test_about_follows_the_language(qtbot) -> None:
    view = SettingsView(ME, "Demo")
    qtbot.addWidget(view)
    try:
        set_language("zh_CN")
        view.retranslate()
        assert view.about_title.text() == "关于"
        assert view.about_text().startswith("客服控制台 ")
    finally:
        set_language("en")
        view.retranslate()
    assert view.about_title.text() == "About"
