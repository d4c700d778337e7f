"""The shell: demo banner, navigation rail, the hosted views and the status bar.

It owns no data of its own: views are built from the store, the change bridge and the commands
they are given; the shell routes between them and re-translates them on a language switch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas import AgentOut
from console.store import Store
from console.ui.change_bridge import ChangeBridge
from console.ui.commands import TicketCommands
from console.ui.i18n import set_language, tr
from console.ui.inbox.inbox_view import InboxView
from console.ui.shell.nav_rail import NavRail
from console.ui.shell.settings_view import SettingsView
from console.ui.ticket.ticket_view import TicketView
from console.ui.widgets.banner import Banner
from console.ui.widgets.connection_indicator import ConnectionIndicator
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    sign_out_requested = Signal()
    closing = Signal()

    def __init__(
        self,
        store: Store,
        bridge: ChangeBridge,
        commands: TicketCommands,
        me: AgentOut,
        *,
        demo: bool = False,
        workspace_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._demo = demo
        self._workspace_name = workspace_name
        self.me = me

        self.banner = Banner("demo")
        self.banner.setVisible(demo)
        self.rail = NavRail()
        self.rail.add_page("inbox", "✉", lambda: tr("Inbox"))
        self.rail.add_page("settings", "⚙", lambda: tr("Settings"), bottom=True)
        self.inbox = InboxView(store, bridge, me.id)
        self.ticket_view = TicketView(store, bridge, commands, me)
        self.settings = SettingsView(me, workspace_name)
        self.pages = QStackedWidget(objectName="pages")
        work = QSplitter(Qt.Orientation.Horizontal, objectName="workSplitter")
        work.setChildrenCollapsible(False)
        work.addWidget(self.inbox)
        work.addWidget(self.ticket_view)
        work.setStretchFactor(0, 5)
        work.setStretchFactor(1, 6)
        work.setSizes([640, 800])
        self._page_index = {"inbox": self.pages.addWidget(work)}
        self._page_index["settings"] = self.pages.addWidget(self.settings)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.rail)
        body.addWidget(self.pages, 1)
        central = QWidget(objectName="central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.connection = ConnectionIndicator()
        self.agent_label = PlainLabel(objectName="mutedLabel", selectable=False)
        self.statusBar().addWidget(self.connection)
        self.statusBar().addPermanentWidget(self.agent_label)
        self.statusBar().setSizeGripEnabled(False)

        self.rail.page_chosen.connect(self.show_page)
        self.inbox.ticket_selected.connect(self.ticket_view.show_ticket)
        self.settings.language_chosen.connect(self.apply_language)
        self.settings.sign_out_requested.connect(self.sign_out_requested)
        self.show_page("inbox")
        self.resize(1440, 880)
        self.retranslate()

    # --- public ------------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        self.rail.select(key)
        self.pages.setCurrentIndex(self._page_index[key])

    def current_page(self) -> str | None:
        return self.rail.current()

    def set_connection_state(self, state: str) -> None:
        self.connection.set_state(state)

    def set_can_send(self, can_send: bool) -> None:
        self.ticket_view.set_can_send(can_send)

    def show_notice(self, text: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def apply_language(self, code: str) -> None:
        code = set_language(code)
        self.retranslate()
        self.language_changed.emit(code)

    def retranslate(self) -> None:
        title = tr("Support Console")
        if self._workspace_name:
            title = tr("{app} — {workspace}", app=title, workspace=self._workspace_name)
        self.setWindowTitle(title)
        self.banner.setText(
            tr(
                "Demo workspace: customers, tickets and traffic are simulated. "
                "Nothing here reaches a real customer."
            )
        )
        self.agent_label.setText(tr("Signed in as {name}", name=self.me.display_name))
        self.rail.retranslate()
        self.connection.retranslate()
        self.inbox.retranslate()
        self.ticket_view.retranslate()
        self.settings.retranslate()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ticket_view.save_draft_now()
        self.closing.emit()
        super().closeEvent(event)
