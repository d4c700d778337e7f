"""The shell: demo banner, navigation rail, the hosted views and the status bar.

It owns no data of its own: views are built from the store, the change bridge and the commands
they are given; the shell routes between them and re-translates them on a language switch.

A cold start builds the window in two steps: first only what the first paint shows (the inbox
read straight from the cache file), then `attach()` adds the Store-backed parts — the ticket
view, the settings page — once the Store is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.ui.i18n import set_language, tr
from console.ui.inbox.inbox_view import InboxView
from console.ui.inbox.ticket_table_model import TicketSource
from console.ui.shell.keyboard import install_shortcuts
from console.ui.shell.keyboard_navigation import KeyboardNavigation
from console.ui.shell.nav_rail import NavRail
from console.ui.shell.role_pages import RolePageContext, pages_for
from console.ui.widgets.banner import Banner
from console.ui.widgets.connection_indicator import ConnectionIndicator
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:  # the ticket view and settings load with the Store, after the first paint
    from console.api.schemas import AgentOut
    from console.store import Store
    from console.ui.change_bridge import ChangeBridge
    from console.ui.chat.chat_pages import ChatPages
    from console.ui.commands import SignedInAgent, TicketCommands
    from console.ui.kb.kb_pages import KbPages
    from console.ui.notify.notifier import Notifier
    from console.ui.palette.command_palette import CommandPalette
    from console.ui.shell.settings_view import SettingsView
    from console.ui.ticket.ticket_view import TicketView

__all__ = ["MainWindow"]


class MainWindow(KeyboardNavigation, QMainWindow):
    language_changed = Signal(str)
    sign_out_requested = Signal()
    closing = Signal()

    def __init__(
        self,
        store: Store | TicketSource,
        bridge: ChangeBridge | None,
        commands: TicketCommands | None,
        me: AgentOut | SignedInAgent,
        *,
        demo: bool = False,
        workspace_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """The whole window; with no bridge and commands, only the inbox over `store` (a
        read-only cache source) until `attach()`."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._demo = demo
        self._workspace_name = workspace_name
        self.me = me
        self._ticket_view: TicketView | None = None
        self._settings: SettingsView | None = None
        self._inbox_follows_store = bridge is not None

        self.banner = Banner("demo")
        self.rail = NavRail()
        self.rail.add_page("inbox", "✉", lambda: tr("Inbox"))
        self.rail.add_page("chats", "❝", lambda: tr("Chats"))
        self.rail.add_page("knowledge", "▤", lambda: tr("Articles"))
        self.rail.add_page("review", "✓", lambda: tr("Review"))
        self.rail.add_page("settings", "⚙", lambda: tr("Settings"), bottom=True)
        self.inbox = InboxView(store, bridge, me.id)
        # Stand-ins with the look of the parts attach() puts in their place.
        self._no_ticket = QLabel(objectName="emptyState")
        self._no_ticket.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._no_settings = QWidget(objectName="settingsView")
        self.pages = QStackedWidget(objectName="pages")
        self._work = QSplitter(Qt.Orientation.Horizontal, objectName="workSplitter")
        self._work.setChildrenCollapsible(False)
        self._work.addWidget(self.inbox)
        self._work.addWidget(self._no_ticket)
        self._work.setStretchFactor(0, 6)
        self._work.setStretchFactor(1, 5)
        self._work.setSizes([820, 620])
        self._page_index = {"inbox": self.pages.addWidget(self._work)}
        self._page_index["settings"] = self.pages.addWidget(self._no_settings)
        self._kb: KbPages | None = None  # the knowledge pages are built when first shown
        self._chats: ChatPages | None = None  # the chats page too (console/ui/chat)
        self._role_pages: dict[str, Callable[[], QWidget]] = {}  # built on first show
        self.role_pages: dict[str, QWidget] = {}  # those built, by key
        for key in ("chats", "knowledge", "review"):
            self._page_index[key] = self.pages.addWidget(QWidget(objectName="kbStandIn"))
            self.rail.buttons[key].setEnabled(False)

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
        self.banner.setVisible(demo)  # in the layout first, or it would open as a window
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.connection = ConnectionIndicator()
        self.agent_label = PlainLabel(objectName="mutedLabel", selectable=False)
        self.statusBar().addWidget(self.connection)
        self.statusBar().addPermanentWidget(self.agent_label)
        self.statusBar().setSizeGripEnabled(False)

        # Built on first use: neither is needed for the first paint.
        self._palette: CommandPalette | None = None
        self._notifier: Notifier | None = None
        self.inbox.notice.connect(self.show_notice)
        self._shortcuts = install_shortcuts(
            self,
            {
                "next": lambda: self._in_list(1),
                "previous": lambda: self._in_list(-1),
                "reply": lambda: self.compose("reply"),
                "note": lambda: self.compose("note"),
                "search": self.focus_search,
                "palette": self.open_palette,
                "help": self.show_shortcuts,
                "list": self.focus_list,
            },
        )
        self.rail.page_chosen.connect(self.show_page)
        self.show_page("inbox")
        self.resize(1440, 880)
        self.retranslate()
        if bridge is not None and commands is not None:
            self.attach(store, bridge, commands, me)  # type: ignore[arg-type]

    def attach(
        self, store: Store, bridge: ChangeBridge, commands: TicketCommands, me: AgentOut
    ) -> None:
        """Complete the window: Store-backed inbox, ticket view and settings."""
        from console.ui.shell.settings_view import SettingsView
        from console.ui.ticket.ticket_view import TicketView

        if self._ticket_view is not None:
            raise RuntimeError("the window is already attached")
        self.me = me
        if not self._inbox_follows_store:
            self._inbox_follows_store = True
            self.inbox.attach(store, bridge)
        ticket_view = self._ticket_view = TicketView(store, bridge, commands, me)
        settings = self._settings = SettingsView(me, self._workspace_name)
        self._work.replaceWidget(1, ticket_view)
        self._no_ticket.deleteLater()
        page = self.current_page() or "inbox"
        self.pages.insertWidget(self._page_index["settings"], settings)
        self.pages.removeWidget(self._no_settings)
        self._no_settings.deleteLater()
        self.show_page(page)
        self.inbox.ticket_selected.connect(ticket_view.show_ticket)
        self.inbox.set_commands(commands, store.macros)
        notifications = getattr(commands, "notification", None)
        if notifications is not None:  # the session: sync's notifications, on the GUI thread
            notifications.connect(self.notifier.notify)
        settings.language_chosen.connect(self.apply_language)
        kb_intents = getattr(commands, "kb", None)
        if kb_intents is not None:  # the session's knowledge-base actions
            from console.ui.kb.kb_pages import KbPages

            self._kb = KbPages(self, store, bridge, kb_intents, me, parent=self)
            ticket_view.article_requested.connect(self.open_article)
            for key in ("knowledge", "review"):
                self.rail.buttons[key].setEnabled(True)
        chat_intents = getattr(commands, "chat", None)
        if chat_intents is not None:  # the session's chat actions
            from console.ui.chat.chat_pages import ChatPages

            self._chats = ChatPages(self, store, bridge, chat_intents, me, parent=self)
            self.rail.buttons["chats"].setEnabled(True)
        settings.sign_out_requested.connect(self.sign_out_requested)
        self._add_role_pages(RolePageContext(self, store, bridge, commands, me))
        self.retranslate()
        selected = self.inbox.selected_ticket_id()
        if selected is not None:  # chosen while the Store was still opening
            ticket_view.show_ticket(selected)

    @property
    def command_palette(self) -> CommandPalette:
        if self._palette is None:
            from console.ui.palette.command_palette import CommandPalette

            self._palette = CommandPalette(self)
        return self._palette

    @property
    def notifier(self) -> Notifier:
        if self._notifier is None:
            from console.ui.notify.notifier import Notifier

            self._notifier = Notifier(self)
            self._notifier.open_ticket.connect(self.open_ticket)
            self._notifier.open_article.connect(self._open_article_from_notice)
            self._notifier.open_chat.connect(self.open_chat)
            self._wire_vip_clients()
        return self._notifier

    def _wire_vip_clients(self) -> None:
        """Alerts about a VIP client open the VIP desk on them (for the roles that have it)."""
        notifier = self._notifier
        if notifier is not None and "vip" in self._page_index and not notifier.opens_clients():
            notifier.open_vip_client.connect(self._open_vip_client)

    def _open_vip_client(self, uid: str) -> None:
        self.show_page("vip")
        self.role_pages["vip"].open_client(uid)  # type: ignore[attr-defined]

    @property
    def attached(self) -> bool:
        return self._ticket_view is not None

    @property
    def ticket_view(self) -> TicketView:
        if self._ticket_view is None:
            raise RuntimeError("the ticket view comes with attach()")
        return self._ticket_view

    @property
    def settings(self) -> SettingsView:
        if self._settings is None:
            raise RuntimeError("the settings page comes with attach()")
        return self._settings

    # --- public ------------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        if self._kb is not None and key in ("knowledge", "review"):
            self._kb.ensure(key)
        if self._chats is not None and key == "chats":
            self._chats.ensure()
        elif self._chats is not None and self.current_page() == "chats":
            self._chats.leave()  # stop "typing…", keep the draft
        build = self._role_pages.pop(key, None)
        if build is not None:
            page = self.role_pages[key] = build()
            self.place_page(key, page)
        self.rail.select(key)
        self.pages.setCurrentIndex(self._page_index[key])

    def _add_role_pages(self, context: RolePageContext) -> None:
        for page in pages_for(str(context.me.role)):
            self.rail.add_page(page.key, page.glyph, page.label, before="settings")
            self._page_index[page.key] = self.pages.addWidget(QWidget(objectName="kbStandIn"))
            self._role_pages[page.key] = lambda page=page: page.build(context)
        self._wire_vip_clients()

    def place_page(self, key: str, page: QWidget) -> None:
        """Put a page built after the first paint where its stand-in was."""
        stand_in = self.pages.widget(self._page_index[key])
        self.pages.insertWidget(self._page_index[key], page)
        if stand_in is not None:
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()

    @property
    def kb_pages(self) -> KbPages | None:
        return self._kb

    @property
    def chat_pages(self) -> ChatPages | None:
        return self._chats

    def set_badge(self, key: str, count: int) -> None:
        self.rail.set_badge(key, count)

    def _bring_forward(self) -> None:
        """A toast or the tray was clicked: the window comes up, in front."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def open_chat(self, conversation_id: int) -> None:
        self._bring_forward()
        if self._chats is not None:
            self._chats.open_chat(conversation_id)

    def _open_article_from_notice(self, article_id: int) -> None:
        self._bring_forward()
        self.open_article(article_id)

    def open_article(self, article_id: int, lang: str = "") -> None:
        """Show an article on the knowledge page (from a suggestion or the review page)."""
        if self._kb is not None:
            self.show_page("knowledge")
            self._kb.open_article(article_id, lang)

    def reply_language(self) -> str | None:
        """The customer language of the ticket open in the inbox, for inserting articles."""
        return self._ticket_view.customer_language() if self._ticket_view is not None else None

    def insert_into_reply(self, text: str) -> None:
        view = self._ticket_view
        if view is None or view.ticket_id() is None:
            self.show_notice(tr("Open a ticket to insert this article into its reply."))
            return
        view.insert_into_reply(text)
        self.show_page("inbox")
        self.show_notice(tr("Inserted into the reply to ticket #{id}.", id=view.ticket_id()))

    def current_page(self) -> str | None:
        return self.rail.current()

    def set_connection_state(self, state: str) -> None:
        self.connection.set_state(state)

    def set_can_send(self, can_send: bool) -> None:
        if self._ticket_view is not None:
            self._ticket_view.set_can_send(can_send)
        if self._chats is not None:
            self._chats.set_can_send(can_send)

    def open_ticket(self, ticket_id: int) -> None:
        """From a toast or the tray: bring the window up and show the ticket."""
        self.show_page("inbox")
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        if not self.inbox.select_ticket(ticket_id) and self._ticket_view is not None:
            self._ticket_view.show_ticket(ticket_id)  # not in the current view's first pages

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
        if self._ticket_view is not None and self._settings is not None:
            self._ticket_view.retranslate()
            self._settings.retranslate()
        if self._chats is not None:
            self._chats.retranslate()
        for page in self.role_pages.values():
            getattr(page, "retranslate", lambda: None)()
        if self._kb is not None:
            self._kb.retranslate()
        else:
            # The ticket view's own placeholder text, until it takes this label's place.
            self._no_ticket.setText(tr("Select a ticket in the inbox to read and answer it."))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.inbox.close_counts()
        if self._notifier is not None:
            self._notifier.close()
        if self._ticket_view is not None:
            self._ticket_view.save_draft_now()
        if self._chats is not None:
            self._chats.leave()
        self.closing.emit()
        super().closeEvent(event)
