"""What the chat page's buttons do: send, accept / decline an offer, transfer, convert to a
ticket, end the chat, canned replies, articles and saving files. The agent's text leaves the
composer (and its draft) only once the message is queued; online actions report failures as a
sentence on the page's notice."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from console.api.schemas_chat import MAX_CHAT_MESSAGE_CHARS
from console.core.macros import macro_body, render_macro
from console.ui.chat.article_picker import ArticlePicker, article_insert_text
from console.ui.chat.transfer_dialog import TransferDialog
from console.ui.i18n import tr
from console.ui.identity.chat_identity import ChatIdentityDialog
from console.ui.identity.ports import identity_intents_of
from console.ui.ticket.attachment_files import ask_save_path

if TYPE_CHECKING:
    from console.ui.chat.chat_page import ChatPage

__all__ = ["ChatPageActions"]

log = logging.getLogger(__name__)


class ChatPageActions(QObject):
    def __init__(self, page: ChatPage) -> None:
        super().__init__(page)
        self._page = page
        self.transfer_dialog: TransferDialog | None = None
        self.article_picker: ArticlePicker | None = None
        self.end_dialog: QMessageBox | None = None
        self.security_dialog: ChatIdentityDialog | None = None
        page.header.security_clicked.connect(self.security)

    def _conversation(self) -> Any | None:
        return self._page.conversation()

    def _report(self, error: str | None) -> None:
        if error is not None:
            self._page.notice.emit(error)

    # --- messages ----------------------------------------------------------------------------

    def send(self, text: str) -> None:
        page = self._page
        conversation_id = page.current()
        if conversation_id is None:
            return
        if len(text) > MAX_CHAT_MESSAGE_CHARS:
            page.notice.emit(
                tr(
                    "This message is longer than {limit} characters. Please shorten it.",
                    limit=MAX_CHAT_MESSAGE_CHARS,
                )
            )
            return
        files = tuple(page.composer.files())
        try:
            page.intents.send_message(conversation_id, text, files)
        except ValueError as exc:
            page.notice.emit(str(exc))
            return
        except Exception:
            log.exception("could not queue a chat message for %s", conversation_id)
            page.notice.emit(tr("The message could not be queued. Your text is still here."))
            return
        page.throttle.stop()
        page.composer.clear_after_send()
        page.transcript.scroll_to_end()

    def insert_macro(self, macro_id: int) -> None:
        page = self._page
        conversation = self._conversation()
        macro = next((m for m in page.store.macros() if m.id == macro_id), None)
        if conversation is None or macro is None:
            return
        values = {
            "customer_name": conversation.customer_name,
            "uid": conversation.customer_uid or "",
            "agent_name": page.me.display_name,
        }  # {ticket_id} has no meaning in a chat: it stays visible for the agent to fix
        page.composer.insert_text(
            render_macro(macro_body(macro.bodies, conversation.language), values)
        )

    def pick_article(self) -> None:
        page = self._page
        conversation = self._conversation()
        if conversation is None:
            return
        messages = page.chats.messages(conversation.id)
        context = next((m.body for m in reversed(messages) if m.sender == "customer"), "")
        picker = self.article_picker = ArticlePicker(
            page.store.kb, conversation.language, context, page
        )
        picker.accepted.connect(lambda: self._insert_article(picker, conversation.language))
        picker.finished.connect(picker.deleteLater)
        picker.open()

    def _insert_article(self, picker: ArticlePicker, lang: str) -> None:
        article_id = picker.chosen_article()
        if article_id is None:
            return
        text = article_insert_text(self._page.store.kb, article_id, lang)
        if text:
            self._page.composer.insert_text(text)

    def save_attachment(self, attachment: Any) -> None:
        dest = ask_save_path(self._page, attachment.filename)
        if dest is None:
            return

        def done(error: str | None) -> None:
            self._page.notice.emit(error or tr("Saved {path}", path=str(dest)))

        self._page.intents.save_attachment(int(attachment.id), dest, done)

    # --- chat actions ------------------------------------------------------------------------

    def accept(self, conversation_id: int | None) -> None:
        if conversation_id is None:
            return
        page = self._page
        row = page.list.row(conversation_id)
        if row is not None:
            row.set_busy(True)
        page.header.set_busy(True)

        def done(error: str | None) -> None:
            page.header.set_busy(False)
            live = page.list.row(conversation_id)
            if live is not None:
                live.set_busy(False)
            if error is not None:
                page.notice.emit(error)
                return
            page.open_chat(conversation_id)

        page.intents.accept(conversation_id, done)

    def decline(self, conversation_id: int | None) -> None:
        if conversation_id is None:
            return
        self._page.intents.decline(conversation_id, self._report)

    def end(self) -> None:
        conversation = self._conversation()
        if conversation is None:
            return
        box = self.end_dialog = QMessageBox(
            QMessageBox.Icon.Question,
            tr("End chat"),
            tr(
                "End the chat with {name}? They will be asked to rate it.",
                name=conversation.customer_name,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._page,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(tr("End chat"))
        conversation_id = int(conversation.id)

        def finished(result: int) -> None:
            self.end_dialog = None
            box.deleteLater()
            if result == QMessageBox.StandardButton.Yes:
                self._page.throttle.stop()
                self._page.composer.save_draft_now()
                self._page.intents.end(conversation_id, self._report)

        box.finished.connect(finished)
        box.open()

    def transfer(self) -> None:
        page = self._page
        conversation = self._conversation()
        if conversation is None:
            return
        dialog = self.transfer_dialog = TransferDialog(
            page.intents.agents(), page.me.id, conversation.topic, page
        )
        conversation_id = int(conversation.id)

        def accepted() -> None:
            to_agent, to_skill = dialog.target()
            page.throttle.stop()
            page.composer.save_draft_now()
            page.intents.transfer(
                conversation_id, to_agent, to_skill, dialog.note_text(), self._report
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: self._forget_transfer(dialog))
        dialog.open()

    def _forget_transfer(self, dialog: TransferDialog) -> None:
        if self.transfer_dialog is dialog:
            self.transfer_dialog = None
        dialog.deleteLater()

    def convert(self) -> None:
        page = self._page
        conversation = self._conversation()
        if conversation is None:
            return
        page.header.convert_button.setEnabled(False)

        def done(ticket_id: int | None, error: str | None) -> None:
            page.header.convert_button.setEnabled(True)
            if error is not None or ticket_id is None:
                page.notice.emit(error or tr("The chat could not be converted."))
                return
            page.notice.emit(tr("Ticket #{id} created with the transcript.", id=ticket_id))
            page.open_ticket.emit(ticket_id)

        page.intents.convert(int(conversation.id), done)

    def security(self) -> None:
        """Verify the customer in this chat and, if need be, freeze their account from here."""
        page = self._page
        conversation = self._conversation()
        if conversation is None or not conversation.customer_uid:
            return
        customer = getattr(page.store, "customer", None)
        dialog = self.security_dialog = ChatIdentityDialog(
            identity_intents_of(page.intents),
            int(conversation.id),
            str(conversation.customer_uid),
            conversation.customer_name,
            customer(conversation.customer_uid) if callable(customer) else None,
            page,
        )
        dialog.finished.connect(lambda _r: self._forget_security(dialog))
        dialog.open()

    def _forget_security(self, dialog: ChatIdentityDialog) -> None:
        if self.security_dialog is dialog:
            self.security_dialog = None
        dialog.deleteLater()
