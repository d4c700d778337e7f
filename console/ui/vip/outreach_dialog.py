"""Send a message to chosen VIP clients, each in their language, then follow who got and answered
it. Opened from the portfolio's "Send message to selected…" (`open_outreach`).

Sending is online only and never queued: on failure everything typed stays and the dialog says
why. The compose keeps one client_id while its content is unchanged, so a retry after a lost
answer, or a second click, reaches every client once. After sending, the dialog shows the
outreach's tracking view, which follows replies live. It is not modal: a click on a ticket
number opens the ticket in the main window while the dialog stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import shiboken6
from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.sync.vip_outreach import OutreachCompose as ComposeState
from console.ui.i18n import tr
from console.ui.vip.outreach_actions import OutreachActions, outreach_actions
from console.ui.vip.outreach_compose import OutreachCompose
from console.ui.vip.outreach_tracking import OutreachTracking
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_vip import OutreachCreate, OutreachOut, VipClientSummary
    from console.ui.change_bridge import ChangeBatch, ChangeBridge
    from console.ui.shell.role_pages import RolePageContext

__all__ = ["OutreachDialog", "open_outreach"]


class OutreachDialog(QDialog):
    sent = Signal(object)  # OutreachOut
    ticket_requested = Signal(int)
    history_requested = Signal()

    def __init__(
        self,
        actions: OutreachActions,
        clients: Sequence[VipClientSummary],
        bridge: ChangeBridge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vipOutreachDialog")
        self.setWindowTitle(tr("Message to VIP clients"))
        self._actions = actions
        self.state = ComposeState()  # the client_id of this compose
        self._sending = False
        self.last_request: OutreachCreate | None = None
        self.outreach: OutreachOut | None = None

        self.heading = PlainLabel(tr("Message to VIP clients"), objectName="viewTitle")
        self.intro = PlainLabel(
            tr(
                "Each client gets the text in their language on a new in-app ticket assigned to "
                "you, and can answer it there."
            ),
            objectName="mutedLabel",
            selectable=False,
        )
        self.intro.setWordWrap(True)
        self.compose = OutreachCompose()
        self.errors = PlainLabel(objectName="errorLabel", selectable=False)
        self.errors.setWordWrap(True)
        self.errors.hide()
        self.offline = PlainLabel(objectName="mutedLabel", selectable=False)
        self.offline.setWordWrap(True)
        self.history_button = QPushButton(tr("Past messages…"), objectName="secondaryButton")
        self.cancel_button = QPushButton(tr("Cancel"), objectName="secondaryButton")
        self.send_button = QPushButton(tr("Send"), objectName="primaryButton")
        self.send_button.setDefault(True)
        self.history_button.clicked.connect(self.history_requested)
        self.cancel_button.clicked.connect(self.reject)
        self.send_button.clicked.connect(self.send)
        buttons = QHBoxLayout()
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        form_page = QWidget(objectName="vipOutreachFormPage")
        form = QVBoxLayout(form_page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.heading)
        form.addWidget(self.intro)
        form.addWidget(self.compose, 1)
        form.addWidget(self.errors)
        form.addWidget(self.offline)
        form.addLayout(buttons)

        self.done_text = PlainLabel(objectName="fieldValue", selectable=False)
        self.done_text.setWordWrap(True)
        self.tracking = OutreachTracking(actions, bridge)
        self.tracking.ticket_requested.connect(self.ticket_requested)
        self.close_button = QPushButton(tr("Close"), objectName="primaryButton")
        self.close_button.clicked.connect(self.accept)
        self.done_history_button = QPushButton(tr("Past messages…"), objectName="secondaryButton")
        self.done_history_button.clicked.connect(self.history_requested)
        done_buttons = QHBoxLayout()
        done_buttons.addWidget(self.done_history_button)
        done_buttons.addStretch(1)
        done_buttons.addWidget(self.close_button)
        done_page = QWidget(objectName="vipOutreachDonePage")
        done = QVBoxLayout(done_page)
        done.setContentsMargins(0, 0, 0, 0)
        done.addWidget(self.done_text)
        done.addWidget(self.tracking, 1)
        done.addLayout(done_buttons)

        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(done_page)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)
        self.compose.changed.connect(self._update_send)
        if bridge is not None:
            bridge.changed.connect(self._on_changes)
        self.compose.set_clients(clients)
        self._update_send()
        self.resize(760, 720)

    # --- clients ----------------------------------------------------------------------------------

    def clients_loaded(self, clients: list[VipClientSummary] | None, error: str | None) -> None:
        """The server's rows, for clients the local cache did not know yet."""
        if not shiboken6.isValid(self) or self._sending or self.outreach is not None:
            return
        if clients:
            self.compose.set_clients(clients)
        self._show_error(error)

    # --- sending ----------------------------------------------------------------------------------

    def send(self) -> None:
        if self._sending:
            return
        if self.outreach is not None and self.last_request is not None:
            request = self.last_request  # sent already: the same compose again sends nothing new
        else:
            problems = self.compose.problems()
            if problems:
                self._show_error("\n".join(f"• {p}" for p in problems))
                return
            try:
                request = self.state.request(
                    self.compose.subject(),
                    self.compose.bodies(),
                    self.compose.fallback_language(),
                    self.compose.uids(),
                )
            except ValidationError:
                self._show_error(
                    tr("The message is not complete: check the subject and the texts.")
                )
                return
        self.last_request = request
        self._set_sending(True)
        self._show_error(None)
        self._actions.send(request, self._answered)

    def _answered(self, outreach: OutreachOut | None, error: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_sending(False)
        if outreach is None:
            self._show_error(
                tr("Not sent: {reason}", reason=error or tr("the server did not answer."))
            )
            return
        self.outreach = outreach
        failed = sum(1 for r in outreach.recipients if r.status == "failed")
        text = tr("Sent to {n} clients.", n=len(outreach.recipients) - failed)
        if failed:
            text += " " + tr("{n} could not be reached: no text in their language.", n=failed)
        self.done_text.setText(text)
        self.tracking.set_outreach(outreach)
        self.pages.setCurrentIndex(1)
        self.sent.emit(outreach)

    def _set_sending(self, sending: bool) -> None:
        self._sending = sending
        self.send_button.setText(tr("Sending…") if sending else tr("Send"))
        self.compose.set_editable(not sending)
        self.cancel_button.setEnabled(not sending)
        self._update_send()

    def _show_error(self, text: str | None) -> None:
        self.errors.setText(text or "")
        self.errors.setVisible(bool(text))

    def problems_shown(self) -> str:
        return self.errors.text() if not self.errors.isHidden() else ""

    def _update_send(self) -> None:
        online = self._actions.is_online()
        self.send_button.setEnabled(online and not self._sending)
        self.offline.setText(
            ""
            if online
            else tr("Offline: sending is possible once the connection is back. Your texts stay.")
        )
        self.offline.setVisible(not online)

    def _on_changes(self, batch: ChangeBatch) -> None:
        if shiboken6.isValid(self) and batch.touches("connection"):
            self._update_send()

    # While sending, the dialog stays: closing it would hide whether the message left.
    def reject(self) -> None:
        if not self._sending:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._sending:
            event.ignore()
            return
        super().closeEvent(event)


def open_outreach(
    parent: QWidget, context: RolePageContext, uids: list[str]
) -> OutreachDialog | None:
    """The portfolio's selection action: a dialog for these clients (None for no clients)."""
    if not uids:
        return None
    actions = outreach_actions(context)
    clients = actions.cached_clients(uids)
    dialog = OutreachDialog(actions, clients, context.bridge, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Bound methods, not closures over the window: a closure would hold the window from the
    # dialog's connections, and dropping it while the dialog is deleted deletes the dialog twice.
    dialog.ticket_requested.connect(actions.open_ticket)
    # The history belongs to the window: it stays when this dialog closes.
    dialog.history_requested.connect(actions.open_history)
    if len(clients) < len(set(uids)):  # the cache does not know them all yet
        actions.load_clients(uids, dialog.clients_loaded)
    dialog.show()
    return dialog
