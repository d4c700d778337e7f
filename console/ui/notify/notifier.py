"""Turns the session's notifications into a toast and a tray message, focused window or not.

Chatwoot mutes notifications while its window has focus (#5403); an agent looking at another
ticket still needs to know that a customer answered or an SLA is about to break, so both kinds
always show.

Chat notifications and VIP desk alerts also play the alert sound, focused or not: a VIP's
minutes are short. A VIP alert about the client (withdrawal, security, follow-up) opens the
client's page when something is connected to `open_vip_client`, else the ticket it carries.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMetaMethod, QObject, Signal
from PySide6.QtWidgets import QWidget

from console.ui.i18n import tr
from console.ui.labels import category_label
from console.ui.notify.sound import AlertSound
from console.ui.notify.toast import ToastStack
from console.ui.notify.tray import TrayNotifier
from console.ui.notify.vip_alert_text import CLIENT_KINDS, VIP_KINDS, vip_alert_text

__all__ = ["KINDS", "Notifier", "heading_for"]

KINDS = (
    "assigned",
    "customer_reply",
    "sla_due_soon",
    "sla_breached",
    "kb_flagged",
    "kb_revision_proposed",
    "chat_offered",
    "chat_message",
    *sorted(VIP_KINDS),
)
_URGENT = frozenset({"sla_due_soon", "sla_breached", "chat_offered", *VIP_KINDS})
_CHAT = frozenset({"chat_offered", "chat_message"})


def heading_for(kind: str, ticket_id: int) -> str:
    headings = {
        "assigned": tr("New assignment · #{id}", id=ticket_id),
        "customer_reply": tr("Customer replied · #{id}", id=ticket_id),
        "sla_due_soon": tr("SLA about to breach · #{id}", id=ticket_id),
        "sla_breached": tr("SLA breached · #{id}", id=ticket_id),
        "kb_flagged": tr("Article flagged as outdated"),
        "kb_revision_proposed": tr("Article edit to review"),
        "chat_offered": tr("Chat offered to you"),
        "chat_message": tr("New chat message"),
    }
    return headings.get(kind, tr("Ticket #{id}", id=ticket_id))


class Notifier(QObject):
    open_ticket = Signal(int)
    open_article = Signal(int)
    open_chat = Signal(int)
    open_vip_client = Signal(str)  # uid: the VIP desk's client page, for whoever can show it

    def __init__(self, host: QWidget, *, tray: bool = True) -> None:
        super().__init__(host)
        self.toasts = ToastStack(host)
        self.tray = TrayNotifier(self) if tray else None
        self.sound = AlertSound()
        self.toasts.ticket_clicked.connect(self.open_ticket)
        self.toasts.article_clicked.connect(self.open_article)
        self.toasts.chat_clicked.connect(self.open_chat)
        self.toasts.client_clicked.connect(self.open_vip_client)
        if self.tray is not None:
            self.tray.clicked.connect(self.open_ticket)
            self.tray.article_clicked.connect(self.open_article)
            self.tray.chat_clicked.connect(self.open_chat)
            self.tray.client_clicked.connect(self.open_vip_client)

    def opens_clients(self) -> bool:
        """Whether a click can show a VIP client's page (someone listens to open_vip_client)."""
        return self.isSignalConnected(QMetaMethod.fromSignal(self.open_vip_client))

    def notify(self, notification: Any) -> None:
        """`notification`: sync's Notification(kind, ticket_id, title, body, article_id,
        conversation_id, client_uid, vip_tier). Chat notifications and VIP alerts also play
        the alert sound."""
        kind = str(getattr(notification, "kind", ""))
        ticket_id = int(getattr(notification, "ticket_id", 0) or 0)
        article_id = getattr(notification, "article_id", None)
        conversation_id = getattr(notification, "conversation_id", None)
        client_uid = None
        vip = kind in VIP_KINDS
        if vip:
            heading, title, body = vip_alert_text(notification)
            uid = getattr(notification, "client_uid", None)
            if kind in CLIENT_KINDS and uid and self.opens_clients():
                client_uid, conversation_id = str(uid), None
        else:
            if kind not in _CHAT:
                conversation_id = None
            elif conversation_id is None:
                return  # a chat notification without its chat: nothing to open
            heading = heading_for(kind, ticket_id)
            title = str(getattr(notification, "title", "") or "")
            body = str(getattr(notification, "body", "") or "")
            if kind == "chat_offered" and body:  # the body is the chat's topic, a category
                body = category_label(body)
        if len(body) > 160:
            body = body[:159] + "…"
        self.toasts.show_toast(
            kind, heading, title, body, ticket_id, article_id, conversation_id, client_uid
        )
        if self.tray is not None:
            text = f"{title}\n{body}" if body else title
            self.tray.show_message(
                heading,
                text,
                ticket_id,
                urgent=kind in _URGENT,
                article_id=article_id,
                conversation_id=conversation_id,
                client_uid=client_uid,
            )
        if vip or (kind in _CHAT and conversation_id is not None):
            self.sound.play()  # whether or not the window has focus

    def close(self) -> None:
        if self.tray is not None:
            self.tray.close()
