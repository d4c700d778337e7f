"""The read-only parts of a client page: the profile, the open tickets and chats with their
waiting countdowns (a click opens one), and the timeline. Everything the client or the server
wrote is shown as plain text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGridLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from console.api.schemas_vip import VipClientOut, VipItemOut, VipTimelineEntry
from console.ui.formatting import amount, short_datetime
from console.ui.i18n import tr
from console.ui.labels import account_status_label
from console.ui.vip.portfolio_model import AMBER, RED
from console.ui.vip.vip_labels import (
    asset_band_label,
    contact_hours,
    countdown_text,
    item_kind_label,
    item_status_label,
    language_label,
    risk_label,
    stage_label,
    tier_label,
    timeline_kind_label,
    timeline_texts,
)
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

__all__ = ["ItemsSection", "ProfileSection", "TimelineSection", "section_title"]

_ITEM_ROLE = Qt.ItemDataRole.UserRole
AgentNames = Callable[[], dict[int, str]]


_LIST_STYLE = """
QListWidget { background: #ffffff; border: 1px solid #dfe3e8; border-radius: 4px; }
QListWidget::item { padding: 3px 4px; }
"""
_ITEMS_SHOWN = (1, 6)  # the open items list grows with them, within these rows


def section_title() -> PlainLabel:
    return PlainLabel(objectName="sectionTitle", selectable=False)


def _list(name: str) -> QListWidget:
    widget = QListWidget(objectName=name)
    widget.setStyleSheet(_LIST_STYLE)
    return widget


class ProfileSection(QWidget):
    """Who the client is and how to reach them: two columns of caption and value."""

    FIELDS = (
        "tier",
        "manager",
        "language",
        "hours",
        "products",
        "volume",
        "assets",
        "kyc",
        "account",
        "region",
        "email",
        "phone",
        "risks",
    )

    def __init__(self, agent_names: AgentNames, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._agent_names = agent_names
        self._client: VipClientOut | None = None
        self.title = section_title()
        self.captions: dict[str, PlainLabel] = {}
        self.values: dict[str, PlainLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        half = (len(self.FIELDS) + 1) // 2
        for i, key in enumerate(self.FIELDS):
            caption = self.captions[key] = PlainLabel(objectName="fieldCaption", selectable=False)
            value = self.values[key] = PlainLabel(objectName="fieldValue")
            value.setWordWrap(True)
            row, pair = i % half, i // half
            grid.addWidget(caption, row, pair * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, pair * 2 + 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Profile"))
        names = {
            "tier": tr("Tier"),
            "manager": tr("Managers"),
            "language": tr("Language"),
            "hours": tr("Contact hours"),
            "products": tr("Products"),
            "volume": tr("30-day volume"),
            "assets": tr("Assets"),
            "kyc": tr("KYC level"),
            "account": tr("Account"),
            "region": tr("Region"),
            "email": tr("Email"),
            "phone": tr("Phone"),
            "risks": tr("Risk signals"),
        }
        for key, caption in self.captions.items():
            caption.setText(names[key])

    def show_client(self, client: VipClientOut, now: datetime) -> None:
        self._client = client
        names = self._agent_names()
        manager = client.manager_name
        if client.backup_manager_id is not None:
            backup = names.get(client.backup_manager_id) or f"#{client.backup_manager_id}"
            manager = tr("{manager} (backup: {backup})", manager=manager, backup=backup)
        target = tr("first answer within {minutes} min", minutes=f"{client.target_minutes:g}")
        texts = {
            "tier": f"{tier_label(client.tier)} · {target}",
            "manager": manager,
            "language": language_label(client.language),
            "products": ", ".join(client.products) or "—",
            "volume": f"${amount(client.volume_30d_usd.quantize(1))}",
            "assets": asset_band_label(client.asset_band),
            "kyc": tr("Level {level}", level=client.kyc_level),
            "account": account_status_label(client.account_status),
            "region": client.region,
            "email": client.email,
            "phone": client.phone or "—",
            "risks": ", ".join(risk_label(r) for r in client.risks) or tr("none"),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        self.values["risks"].setProperty("alert", bool(client.risks))
        self.values["account"].setProperty("alert", client.account_status != "active")
        for key in ("risks", "account"):
            self.values[key].style().polish(self.values[key])
        self.tick(now)

    def tick(self, now: datetime) -> None:
        """Contact hours say whether it is inside them now (and the client's time)."""
        client = self._client
        if client is None:
            return
        hours = contact_hours(client.contact_hours)
        if hours is None:
            text = client.contact_hours or "—"
        elif hours.inside(now):
            text = tr(
                "{hours} · now inside ({time} there)", hours=hours.text, time=hours.local_time(now)
            )
        else:
            text = tr(
                "{hours} · now outside ({time} there)", hours=hours.text, time=hours.local_time(now)
            )
        self.values["hours"].setText(text)


class ItemsSection(QWidget):
    """Every open ticket and chat; waiting ones count down to their target."""

    open_ticket = Signal(int)
    open_chat = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[VipItemOut] = []
        self.title = section_title()
        self.list = _list("vipItems")
        # One line each, cut at the edge (the tooltip has it whole): no sideways scrolling.
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Open tickets and chats"))
        self.list.setToolTip(tr("Click to open it"))

    def show_items(self, items: list[VipItemOut], now: datetime) -> None:
        # Waiting ones first, the nearest target on top.
        self._items = sorted(
            items, key=lambda i: (i.due_at is None, i.due_at or i.updated_at, i.id)
        )
        self.list.clear()
        for item in self._items:
            entry = QListWidgetItem()
            entry.setData(_ITEM_ROLE, (item.kind, item.id))
            self.list.addItem(entry)
        if not self._items:
            placeholder = QListWidgetItem(tr("Nothing open."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self.tick(now)
        low, high = _ITEMS_SHOWN
        rows = min(max(self.list.count(), low), high)
        row_height = max(self.list.sizeHintForRow(0), 20)
        self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth() + 6)

    def tick(self, now: datetime) -> None:
        for row, item in enumerate(self._items):
            entry = self.list.item(row)
            if entry is None:
                continue
            text = self.item_text(item, now)
            entry.setText(text)
            entry.setToolTip(plain_tooltip(text))
            color = None
            if item.due_at is not None:
                left = item.due_at - now
                color = (
                    RED
                    if left.total_seconds() < 0
                    else AMBER
                    if left.total_seconds() < 300
                    else None
                )
            entry.setForeground(QBrush(color) if color is not None else QBrush())

    @staticmethod
    def item_text(item: VipItemOut, now: datetime) -> str:
        head = f"{item_kind_label(item.kind)} #{item.id} · {item.subject}"
        status = item_status_label(item.kind, item.status)
        if item.due_at is None:
            wait = tr("answered")
        elif item.due_at <= now:
            wait = tr("waiting, overdue by {time}", time=countdown_text(now - item.due_at))
        else:
            wait = tr("waiting, {time} left", time=countdown_text(item.due_at - now))
        stage = stage_label(item.stage)
        return " — ".join(part for part in (head, status, wait, stage) if part)

    def _clicked(self, entry: QListWidgetItem) -> None:
        data = entry.data(_ITEM_ROLE)
        if not data:
            return
        kind, item_id = data
        (self.open_chat if kind == "chat" else self.open_ticket).emit(int(item_id))


class TimelineSection(QWidget):
    """Contacts, tickets, chats, transfers and security events, newest first."""

    open_ticket = Signal(int)
    open_chat = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = section_title()
        self.list = _list("vipTimeline")
        self.list.setWordWrap(True)
        # Long lines wrap to the list's width instead of scrolling sideways.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMinimumHeight(220)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Timeline (90 days)"))

    def show_entries(self, entries: list[VipTimelineEntry]) -> None:
        self.list.clear()
        for entry in sorted(entries, key=lambda e: e.at, reverse=True):
            title, detail = timeline_texts(entry.kind, entry.title, entry.detail)
            text = f"{short_datetime(entry.at)} · {timeline_kind_label(entry.kind)} · {title}"
            if detail:
                text += f" — {detail}"
            item = QListWidgetItem(text)
            if entry.kind in ("ticket", "chat") and entry.ref_id is not None:
                item.setData(_ITEM_ROLE, (entry.kind, entry.ref_id))
                item.setToolTip(tr("Double-click to open it"))
            self.list.addItem(item)
        if not entries:
            empty = QListWidgetItem(tr("Nothing in the last 90 days."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)

    def _activated(self, item: QListWidgetItem) -> None:
        data = item.data(_ITEM_ROLE)
        if data:
            kind, ref = data
            (self.open_chat if kind == "chat" else self.open_ticket).emit(int(ref))
