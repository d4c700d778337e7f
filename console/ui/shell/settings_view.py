"""Settings: the interface language (applied at once), the signed-in account, and About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.ui.i18n import LANGUAGES, language, tr
from console.ui.labels import role_label
from console.ui.widgets.plain_text import PlainLabel
from console.version import app_version

if TYPE_CHECKING:
    from console.api.schemas import AgentOut

__all__ = ["SettingsView"]


class SettingsView(QWidget):
    language_chosen = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, me: AgentOut, workspace: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsView")
        self._me = me
        self.title = QLabel(objectName="viewTitle")
        self.language_caption = QLabel(objectName="fieldCaption")
        self.language_box = QComboBox(objectName="languageBox")
        self.language_box.setFixedWidth(240)
        for code, name in LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(language()))
        self.language_box.activated.connect(
            lambda i: self.language_chosen.emit(self.language_box.itemData(i))
        )
        self.account_title = QLabel(objectName="sectionTitle")
        self.name_caption = QLabel(objectName="fieldCaption")
        self.name_value = PlainLabel(f"{me.display_name} ({me.username})")
        self.role_caption = QLabel(objectName="fieldCaption")
        self.role_value = QLabel()
        self.workspace_caption = QLabel(objectName="fieldCaption")
        self.workspace_value = PlainLabel(workspace)
        self.sign_out_button = QPushButton(objectName="secondaryButton")
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.about_title = QLabel(objectName="sectionTitle")
        self.version_caption = QLabel(objectName="fieldCaption")
        self.version_value = QLabel(app_version(), objectName="versionValue")
        self.about_button = QPushButton(objectName="secondaryButton")
        self.about_button.clicked.connect(self.show_about)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        form.addRow(self.language_caption, self.language_box)
        account = QFormLayout()
        account.setHorizontalSpacing(16)
        account.setVerticalSpacing(6)
        account.addRow(self.name_caption, self.name_value)
        account.addRow(self.role_caption, self.role_value)
        account.addRow(self.workspace_caption, self.workspace_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.account_title)
        layout.addLayout(account)
        layout.addWidget(self.sign_out_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(12)
        layout.addWidget(self.about_title)
        about = QFormLayout()
        about.setHorizontalSpacing(16)
        about.addRow(self.version_caption, self.version_value)
        layout.addLayout(about)
        layout.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Settings"))
        self.language_caption.setText(tr("Language"))
        self.language_box.setCurrentIndex(self.language_box.findData(language()))
        self.account_title.setText(tr("Account"))
        self.name_caption.setText(tr("Signed in as"))
        self.role_caption.setText(tr("Role"))
        self.role_value.setText(role_label(self._me.role))
        self.workspace_caption.setText(tr("Workspace"))
        self.sign_out_button.setText(tr("Sign out"))
        self.about_title.setText(tr("About"))
        self.version_caption.setText(tr("Version"))
        self.about_button.setText(tr("About Support Console…"))

    def about_text(self) -> str:
        import platform

        from PySide6 import __version__ as qt_version

        return tr(
            "Support Console {version}\nThe desktop console of the support team.\n"
            "Qt {qt} · Python {python}",
            version=app_version(),
            qt=qt_version,
            python=platform.python_version(),
        )

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(tr("About Support Console"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.about_text())
        box.open()
