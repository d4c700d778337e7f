"""One VIP client's page: profile, open tickets and chats, timeline, and the manager's private
notes, follow-ups and contact log.

Shown from the cached copy at once (offline too), then fetched fresh. Writes go to the server
through the intents; the editors keep their input until the server confirms. The page follows
the store: when the cached page of its client changes (a write, a refresh), it shows it again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.core.domain import Role
from console.ui.i18n import tr
from console.ui.vip.client_profile import ItemsSection, ProfileSection, TimelineSection
from console.ui.vip.client_sections import ContactsSection, FollowUpsSection, NotesSection
from console.ui.vip.vip_labels import tier_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import AgentOut
    from console.api.schemas_vip import ContactLogCreate, FollowUpCreate, VipClientOut
    from console.ui.change_bridge import ChangeBatch
    from console.ui.vip.portfolio_model import Clock
    from console.ui.vip.ports import VipIntents

__all__ = ["ClientPage"]

TICK_MS = 1_000


class ClientPage(QWidget):
    back_requested = Signal()
    open_ticket = Signal(int)
    open_chat = Signal(int)

    def __init__(
        self,
        intents: VipIntents,
        me: AgentOut,
        clock: Clock | None = None,
        agent_names: Callable[[], dict[int, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vipClientPage")
        self._intents = intents
        self._me_id = me.id
        self._clock = clock or (lambda: datetime.now(UTC))
        self._uid: str | None = None
        self.client: VipClientOut | None = None
        self._generation = 0

        self.back_button = QPushButton(objectName="secondaryButton")
        self.back_button.clicked.connect(self.back_requested)
        self.name = PlainLabel(objectName="viewTitle")
        self.subtitle = PlainLabel(objectName="mutedLabel")
        self.status = PlainLabel(objectName="mutedLabel", selectable=False)
        self.refresh_button = QPushButton(objectName="secondaryButton")
        self.refresh_button.clicked.connect(self.refresh)

        self.profile = ProfileSection(agent_names or dict)
        self.items = ItemsSection()
        self.timeline = TimelineSection()
        self.notes = NotesSection()
        self.follow_ups = FollowUpsSection()
        self.contacts = ContactsSection()
        for section in (self.items, self.timeline):
            section.open_ticket.connect(self.open_ticket)
            section.open_chat.connect(self.open_chat)
        self.notes.submitted.connect(self._add_note)
        self.follow_ups.submitted.connect(self._add_follow_up)
        self.follow_ups.done_requested.connect(self._complete_follow_up)
        self.contacts.submitted.connect(self._log_contact)
        # Notes, follow-ups and contacts are the account manager's to write; supervisors read.
        for section in (self.notes, self.follow_ups, self.contacts):
            section.set_editable(me.role == Role.VIP_MANAGER)
        self.ticker = QTimer(self, interval=TICK_MS)
        self.ticker.timeout.connect(self.tick)
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self)  # Alt+Left
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back_requested)

        head = QHBoxLayout()
        head.setContentsMargins(12, 0, 12, 0)
        head.addWidget(self.back_button)
        head.addSpacing(8)
        head.addWidget(self.name)
        head.addSpacing(8)
        head.addWidget(self.subtitle)
        head.addStretch(1)
        head.addWidget(self.status)
        head.addWidget(self.refresh_button)
        left = QVBoxLayout()
        for widget in (self.profile, self.items):
            left.addWidget(widget)
        left.addWidget(self.timeline, 1)
        right = QVBoxLayout()
        for widget in (self.notes, self.follow_ups, self.contacts):
            right.addWidget(widget)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.setContentsMargins(12, 4, 12, 12)
        columns.setSpacing(24)
        columns.addLayout(left, 5)
        columns.addLayout(right, 4)
        canvas = QWidget(objectName="vipClientCanvas")
        canvas.setLayout(columns)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(tr("← Portfolio"))
        self.refresh_button.setText(tr("Refresh"))
        for section in (
            self.profile,
            self.items,
            self.timeline,
            self.notes,
            self.follow_ups,
            self.contacts,
        ):
            section.retranslate()
        if self.client is not None:
            self._show(self.client)

    def uid(self) -> str | None:
        return self._uid

    # --- loading ---------------------------------------------------------------------------------

    def show_client(self, uid: str) -> None:
        """The cached copy at once (when there is one), then the server's."""
        if uid != self._uid:
            self._uid = uid
            self.client = None
            self.name.setText(uid)
            self.subtitle.setText("")
            cached = self._intents.cached_client(uid)
            if cached is not None:
                self._show(cached)
        self.refresh()

    def refresh(self) -> None:
        uid = self._uid
        if uid is None:
            return
        self._generation += 1
        generation = self._generation
        self.status.setText(tr("Loading…"))
        self._intents.load_client(uid, lambda page, error: self._loaded(generation, page, error))

    def _loaded(self, generation: int, page: VipClientOut | None, error: str | None) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        if page is None:
            saved = tr("showing the saved copy") if self.client is not None else ""
            reason = tr("Not updated: {reason}", reason=error or "")
            self.status.setText(f"{reason} {saved}".strip())
            return
        self.status.setText("")
        self._show(page)

    def on_changes(self, batch: ChangeBatch) -> None:
        uid = self._uid
        if uid is not None and batch.touches("vip_clients", uid):
            cached = self._intents.cached_client(uid)
            if cached is not None:
                self._show(cached)

    def _show(self, client: VipClientOut) -> None:
        self.client = client
        now = self._clock()
        self.name.setText(client.display_name)
        self.subtitle.setText(f"{client.uid} · {tier_label(client.tier)}")
        self.profile.show_client(client, now)
        self.items.show_items(client.items, now)
        self.timeline.show_entries(client.timeline)
        self.notes.show_notes(client.notes)
        self.follow_ups.show_follow_ups(client.follow_ups, now, self._me_id)
        self.contacts.show_contacts(client.contacts)

    def tick(self) -> None:
        now = self._clock()
        self.items.tick(now)
        self.profile.tick(now)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.ticker.stop()

    # --- writing ---------------------------------------------------------------------------------

    def _answer(self, section: Any) -> Callable[[object, str | None], None]:
        """What to do with a write's answer: on success show the saved page, else keep the
        editor's input and say why."""
        uid = self._uid

        def done(result: object, error: str | None) -> None:
            if not shiboken6.isValid(self) or not shiboken6.isValid(section):
                return
            if result is None:
                section.failed(error or tr("That did not work. Please try again."))
                return
            section.saved()
            cached = self._intents.cached_client(uid) if uid is not None else None
            if cached is not None and uid == self._uid:
                self._show(cached)

        return done

    def _add_note(self, body: str, key: str) -> None:
        if self._uid is not None:
            self._intents.add_note(self._uid, body, key, self._answer(self.notes))

    def _add_follow_up(self, follow_up: FollowUpCreate, key: str) -> None:
        if self._uid is not None:
            self._intents.add_follow_up(self._uid, follow_up, key, self._answer(self.follow_ups))

    def _log_contact(self, contact: ContactLogCreate, key: str) -> None:
        if self._uid is not None:
            self._intents.log_contact(self._uid, contact, key, self._answer(self.contacts))

    def _complete_follow_up(self, follow_up_id: int) -> None:
        uid = self._uid
        if uid is None:
            return

        def done(result: object, error: str | None) -> None:
            if not shiboken6.isValid(self):
                return
            if result is None:
                self.follow_ups.done_failed(follow_up_id, error or "")
                return
            cached = self._intents.cached_client(uid)
            if cached is not None and uid == self._uid:
                self._show(cached)

        self._intents.complete_follow_up(uid, follow_up_id, done)
