"""Sign-in: server address, username and password; the demo workspace lists its accounts.

Network calls run on the asyncio loop (qasync); the dialog stays responsive and reports
problems as sentences in the agent's language.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from console.api.client import SupportClient
from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas import TokenOut, WorkspaceInfo
from console.ui.i18n import tr
from console.ui.labels import role_label
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["SignInDialog", "error_sentence"]

log = logging.getLogger(__name__)


def error_sentence(error: Exception, server_url: str) -> str:
    if isinstance(error, ServerUnreachable):
        return tr(
            "The server at {url} cannot be reached. Check the address and your network.",
            url=server_url,
        )
    if isinstance(error, ApiError):
        if error.code == "invalid_credentials":
            return tr("The username or password is not correct.")
        if error.status == 429:
            return tr("Too many attempts. Wait a minute and try again.")
        return tr("The server could not sign you in ({code}). Please try again.", code=error.code)
    return tr("Something went wrong while signing in. Please try again.")


class SignInDialog(QDialog):
    signed_in = Signal(object, object)  # SupportClient (holding the token), TokenOut

    def __init__(self, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setModal(False)
        self._busy = False
        self._workspace_url: str | None = None
        self.workspace: WorkspaceInfo | None = None
        self.title = QLabel(objectName="dialogTitle")
        self.workspace_label = PlainLabel(objectName="mutedLabel", selectable=False)
        self.server_caption = QLabel(objectName="fieldCaption")
        self.server_edit = QLineEdit(server_url, objectName="serverEdit")
        self.username_caption = QLabel(objectName="fieldCaption")
        self.username_edit = QLineEdit(objectName="usernameEdit")
        self.password_caption = QLabel(objectName="fieldCaption")
        self.password_edit = QLineEdit(objectName="passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.demo_caption = QLabel(objectName="sectionTitle")
        self.demo_list = QListWidget(objectName="demoAccounts")
        self.demo_list.setMaximumHeight(130)
        self.error_label = PlainLabel(objectName="errorLabel", selectable=False)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.sign_in_button = QPushButton(objectName="primaryButton")
        self.sign_in_button.setDefault(True)

        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow(self.server_caption, self.server_edit)
        form.addRow(self.username_caption, self.username_edit)
        form.addRow(self.password_caption, self.password_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.workspace_label)
        layout.addLayout(form)
        layout.addWidget(self.demo_caption)
        layout.addWidget(self.demo_list)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)

        self.sign_in_button.clicked.connect(self.sign_in)
        self.password_edit.returnPressed.connect(self.sign_in)
        self.server_edit.editingFinished.connect(self.load_workspace)
        self.demo_list.itemClicked.connect(self._use_demo_account)
        self.demo_list.itemDoubleClicked.connect(self._sign_in_demo_account)
        self._show_demo_accounts(None)
        self.retranslate()
        self.username_edit.setFocus()
        self.username_edit.returnPressed.connect(self.password_edit.setFocus)

    # --- public ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Sign in — Support Console"))
        self.title.setText(tr("Sign in"))
        self.server_caption.setText(tr("Server"))
        self.server_edit.setPlaceholderText(tr("https://support.example.com"))
        self.username_caption.setText(tr("Username"))
        self.password_caption.setText(tr("Password"))
        self.demo_caption.setText(tr("Demo accounts (click to fill in)"))
        self.sign_in_button.setText(tr("Signing in…") if self._busy else tr("Sign in"))
        self._show_workspace_name()

    def set_server_url(self, url: str) -> None:
        self.server_edit.setText(url)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @asyncSlot()
    async def load_workspace(self) -> None:
        # editingFinished also fires while the dialog is being destroyed; the task runs after.
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.server_edit):
            return
        url = self.server_edit.text().strip()
        if not url or not self.isVisible() or url == self._workspace_url:
            return
        self._workspace_url = url
        client = SupportClient(url, timeout=5.0)
        try:
            info = await client.workspace()
        except Exception as exc:  # the sentence says what to do; the details go to the log
            log.info("workspace lookup at %s failed: %s", url, exc)
            if not shiboken6.isValid(self):
                return
            self._workspace_url = None
            self.workspace = None
            self._show_demo_accounts(None)
            self.show_error(error_sentence(exc, url))
            return
        finally:
            await client.aclose()
        if not shiboken6.isValid(self):  # closed while the server answered
            return
        self.workspace = info
        self.show_error("")
        self._show_demo_accounts(info)
        self._show_workspace_name()

    @asyncSlot()
    async def sign_in(self) -> None:
        if self._busy:
            return
        url = self.server_edit.text().strip()
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not url:
            self.show_error(tr("Enter the server address."))
            return
        if not username or not password:
            self.show_error(tr("Enter your username and password."))
            return
        self._set_busy(True)
        client = SupportClient(url)
        try:
            token: TokenOut = await client.login(username, password)
        except Exception as exc:
            log.info("sign-in at %s failed: %s", url, exc)
            await client.aclose()
            if not shiboken6.isValid(self):
                return
            self.show_error(error_sentence(exc, url))
            self._set_busy(False)
            return
        if not shiboken6.isValid(self):
            await client.aclose()
            return
        self._set_busy(False)
        self.show_error("")
        self.signed_in.emit(client, token)

    # --- internals ---------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.server_edit, self.username_edit, self.password_edit, self.demo_list):
            widget.setEnabled(not busy)
        self.sign_in_button.setEnabled(not busy)
        self.retranslate()

    def _show_workspace_name(self) -> None:
        info = self.workspace
        if info is None:
            self.workspace_label.setText("")
        elif info.demo:
            self.workspace_label.setText(tr("{name} (demo workspace)", name=info.name))
        else:
            self.workspace_label.setText(info.name)

    def _show_demo_accounts(self, info: WorkspaceInfo | None) -> None:
        self.demo_list.clear()
        accounts = info.demo_accounts if info is not None and info.demo else []
        for account in accounts:
            # Demo credentials are public by design: show them so nobody has to look them up.
            label = f"{account.username} / {account.password}  ·  {role_label(account.role)}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, (account.username, account.password))
            self.demo_list.addItem(item)
        self.demo_caption.setVisible(bool(accounts))
        self.demo_list.setVisible(bool(accounts))
        self.adjustSize()

    def _use_demo_account(self, item: QListWidgetItem) -> None:
        username, password = item.data(Qt.ItemDataRole.UserRole)
        self.username_edit.setText(username)
        self.password_edit.setText(password)

    def _sign_in_demo_account(self, item: QListWidgetItem) -> None:
        self._use_demo_account(item)
        self.sign_in()
