"""The manager's own records on a client page: private notes, follow-up reminders and the contact
log, each with its editor.

An editor hands what was typed to the page (`submitted`) with an idempotency key, which it keeps
while the input stays the same: after a lost answer or an offline moment, "Add" again writes
once. On failure the text stays in the editor and the reason is shown under it; only a
confirmed save clears it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_vip import (
    ContactLogCreate,
    ContactLogOut,
    FollowUpCreate,
    FollowUpOut,
    ManagerNoteOut,
)
from console.core.vip import ContactKind
from console.ui.formatting import local_tz, short_datetime
from console.ui.i18n import tr
from console.ui.vip.client_profile import section_title
from console.ui.vip.vip_labels import contact_kind_label
from console.ui.widgets.plain_text import PlainLabel

__all__ = ["ContactsSection", "FollowUpsSection", "NotesSection"]

SHOWN = 30  # entries listed under an editor (the newest)


class _Editor(QWidget):
    """An editor's send cycle: the key, busy while sending, the error line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key: str | None = None
        self._key_for: object = None  # the input the key was made for
        self.title = section_title()
        self.hint = PlainLabel(objectName="mutedLabel", selectable=False)
        self.hint.setWordWrap(True)
        self.error = PlainLabel(objectName="errorLabel")
        self.error.setWordWrap(True)
        self.error.hide()
        self.send_button = QPushButton(objectName="primaryButton")
        # The inputs, hidden for a supervisor (who reads the desk's records, never writes them).
        self.form = QWidget()
        self.form_layout = QVBoxLayout(self.form)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.editable = True
        self.entries = QVBoxLayout()
        self.entries.setContentsMargins(0, 4, 0, 0)
        self.entries.setSpacing(6)

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.form.setVisible(editable)

    def key_for(self, value: object) -> str:
        if self._key is None or self._key_for != value:
            self._key, self._key_for = uuid.uuid4().hex, value
        return self._key

    def sending(self) -> None:
        self.send_button.setEnabled(False)
        self.error.hide()

    def failed(self, reason: str) -> None:
        """Nothing was saved: the input stays as typed, the key too (a retry writes once)."""
        self.send_button.setEnabled(True)
        self.error.setText(reason)
        self.error.show()

    def saved(self) -> None:
        self._key = self._key_for = None
        self.send_button.setEnabled(True)
        self.error.hide()

    def _clear_entries(self) -> None:
        while self.entries.count():
            item = self.entries.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _entry(self, text: str, *, alert: bool = False) -> PlainLabel:
        label = PlainLabel(text, objectName="fieldValue")
        label.setWordWrap(True)
        label.setProperty("alert", alert)
        self.entries.addWidget(label)
        return label


class NotesSection(_Editor):
    submitted = Signal(str, str)  # body, idempotency key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit(objectName="vipNoteEditor")
        self.editor.setFixedHeight(72)
        self.send_button.clicked.connect(self._send)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.send_button)
        self.form_layout.addWidget(self.editor)
        self.form_layout.addLayout(row)
        self.form_layout.addWidget(self.error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.form)
        layout.addLayout(self.entries)
        self.retranslate()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Private notes"))
        self.hint.setText(
            tr("Private: only you can read your notes. Other managers cannot.")
            if self.editable
            else tr("Notes are private to each account manager: nobody else reads them.")
        )
        self.editor.setPlaceholderText(tr("A note for yourself about this client"))
        self.send_button.setText(tr("Add note"))

    def _send(self) -> None:
        body = self.editor.toPlainText()
        if not body.strip():
            self.failed(tr("Write the note first."))
            return
        self.sending()
        self.submitted.emit(body, self.key_for(body))

    def saved(self) -> None:
        super().saved()
        self.editor.clear()

    def show_notes(self, notes: list[ManagerNoteOut]) -> None:
        self._clear_entries()
        for note in sorted(notes, key=lambda n: n.created_at, reverse=True)[:SHOWN]:
            when = short_datetime(note.created_at)
            self._entry(tr("{when} · private", when=when) + f"\n{note.body}")
        if not notes and self.editable:
            self._entry(tr("No notes yet."))


class FollowUpsSection(_Editor):
    submitted = Signal(object, str)  # FollowUpCreate, idempotency key
    done_requested = Signal(int)  # follow-up id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit(objectName="vipFollowUpTitle")
        self.title_edit.setMaxLength(300)
        self.due_edit = QDateTimeEdit(objectName="vipFollowUpDue")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reset_due()
        self.send_button.clicked.connect(self._send)
        self.done_buttons: dict[int, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.title_edit, 1)
        row.addWidget(self.due_edit)
        row.addWidget(self.send_button)
        self.form_layout.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addLayout(self.entries)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Follow-ups"))
        self.title_edit.setPlaceholderText(tr("What to follow up on"))
        self.send_button.setText(tr("Add follow-up"))
        for button in self.done_buttons.values():
            button.setText(tr("Mark done"))

    def reset_due(self) -> None:
        """Tomorrow at 10:00, the manager's local time."""
        tomorrow = datetime.now(local_tz()).date() + timedelta(days=1)
        local = datetime.combine(tomorrow, time(10, 0), tzinfo=local_tz())
        self.due_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(local.timestamp())))

    def due_at(self) -> datetime:
        return datetime.fromtimestamp(self.due_edit.dateTime().toSecsSinceEpoch(), UTC)

    def _send(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            self.failed(tr("Say what to follow up on."))
            return
        follow_up = FollowUpCreate(due_at=self.due_at(), title=title)
        self.sending()
        self.submitted.emit(follow_up, self.key_for((title, follow_up.due_at)))

    def saved(self) -> None:
        super().saved()
        self.title_edit.clear()
        self.reset_due()

    def show_follow_ups(
        self, follow_ups: list[FollowUpOut], now: datetime, me_id: int | None = None
    ) -> None:
        """Open ones by due time (overdue ones stand out), then the last few done. Only the
        follow-up's own manager may mark it done."""
        self._clear_entries()
        self.done_buttons = {}
        open_ones = sorted((f for f in follow_ups if f.done_at is None), key=lambda f: f.due_at)
        done = sorted((f for f in follow_ups if f.done_at is not None), key=lambda f: f.due_at)
        for follow_up in open_ones[:SHOWN]:
            overdue = follow_up.due_at <= now
            when = short_datetime(follow_up.due_at)
            text = (
                tr("Overdue since {when}: {title}", when=when, title=follow_up.title)
                if overdue
                else tr("Due {when}: {title}", when=when, title=follow_up.title)
            )
            line = QWidget()
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            label = PlainLabel(text, objectName="fieldValue")
            label.setWordWrap(True)
            label.setProperty("alert", overdue)
            row.addWidget(label, 1)
            if self.editable and follow_up.manager_id == me_id:
                button = QPushButton(tr("Mark done"), objectName="secondaryButton")
                button.clicked.connect(lambda _c=False, i=follow_up.id: self._done(i))
                self.done_buttons[follow_up.id] = button
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.entries.addWidget(line)
        for follow_up in done[-5:]:
            self._entry(tr("Done: {title}", title=follow_up.title))
        if not follow_ups:
            self._entry(tr("No follow-ups."))

    def _done(self, follow_up_id: int) -> None:
        button = self.done_buttons.get(follow_up_id)
        if button is not None:
            button.setEnabled(False)
        self.error.hide()
        self.done_requested.emit(follow_up_id)

    def done_failed(self, follow_up_id: int, reason: str) -> None:
        button = self.done_buttons.get(follow_up_id)
        if button is not None:
            button.setEnabled(True)
        self.error.setText(reason)
        self.error.show()


class ContactsSection(_Editor):
    submitted = Signal(object, str)  # ContactLogCreate, idempotency key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_box = QComboBox(objectName="vipContactKind")
        for kind in ContactKind:
            self.kind_box.addItem("", str(kind))
        self.outcome_edit = QLineEdit(objectName="vipContactOutcome")
        self.outcome_edit.setMaxLength(300)
        self.summary_edit = QPlainTextEdit(objectName="vipContactSummary")
        self.summary_edit.setFixedHeight(60)
        self.send_button.clicked.connect(self._send)
        row = QHBoxLayout()
        row.addWidget(self.kind_box)
        row.addWidget(self.outcome_edit, 1)
        send_row = QHBoxLayout()
        send_row.addStretch(1)
        send_row.addWidget(self.send_button)
        self.form_layout.addLayout(row)
        self.form_layout.addWidget(self.summary_edit)
        self.form_layout.addLayout(send_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addLayout(self.entries)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Contact log"))
        for i in range(self.kind_box.count()):
            self.kind_box.setItemText(i, contact_kind_label(self.kind_box.itemData(i)))
        self.outcome_edit.setPlaceholderText(tr('Outcome, e.g. "Reached, will deposit Friday"'))
        self.summary_edit.setPlaceholderText(tr("Summary (optional)"))
        self.send_button.setText(tr("Log contact"))

    def _send(self) -> None:
        outcome = self.outcome_edit.text().strip()
        if not outcome:
            self.failed(tr("Write the outcome of the contact."))
            return
        contact = ContactLogCreate(
            kind=ContactKind(self.kind_box.currentData()),
            outcome=outcome,
            summary=self.summary_edit.toPlainText(),
        )
        self.sending()
        self.submitted.emit(contact, self.key_for(contact.model_dump_json()))

    def saved(self) -> None:
        super().saved()
        self.outcome_edit.clear()
        self.summary_edit.clear()

    def show_contacts(self, contacts: list[ContactLogOut]) -> None:
        self._clear_entries()
        for contact in sorted(contacts, key=lambda c: c.at, reverse=True)[:SHOWN]:
            head = tr(
                "{when} · {kind} by {manager}: {outcome}",
                when=short_datetime(contact.at),
                kind=contact_kind_label(contact.kind),
                manager=contact.manager_name,
                outcome=contact.outcome,
            )
            self._entry(f"{head}\n{contact.summary}" if contact.summary else head)
        if not contacts:
            self._entry(tr("No contacts logged yet."))
