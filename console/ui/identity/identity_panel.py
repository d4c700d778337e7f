"""The Security side of a ticket or chat: the emergency freeze, the account's status, the identity
checklist (who verified what, when), the other sensitive actions with what each still needs, and
the account's action history.

What is missing is worked out here with the server's rules (console.core.identity) so the agent
sees it before trying; the server's refusal is still the real gate, and its reason is shown as
is. Every call is online only: when one fails, the ticked boxes, the note and the reason stay.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.core.domain import AccountStatus
from console.core.identity import ActionKind, latest_passes, missing_checks
from console.ui.formatting import short_datetime
from console.ui.i18n import tr
from console.ui.identity.action_dialog import FREEZE_RED, ActionDialog
from console.ui.identity.identity_text import action_label, shortfall_text
from console.ui.identity.verification_checklist import VerificationChecklist
from console.ui.labels import account_status_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import CustomerDetail
    from console.api.schemas_identity import AccountActionOut, VerificationOut
    from console.ui.identity.ports import IdentityIntents, IdentitySnapshot, IdentityTarget

__all__ = ["OTHER_ACTIONS", "IdentityPanel"]

OTHER_ACTIONS = (
    ActionKind.UNFREEZE,
    ActionKind.RESET_2FA,
    ActionKind.CHANGE_EMAIL,
    ActionKind.WHITELIST_ADDRESS,
    ActionKind.INVESTIGATE_WITHDRAWAL,
)
RECHECK_MS = 30_000  # checks expire with time: the "needs" lines are re-read this often
MAX_HISTORY = 6


class IdentityPanel(QScrollArea):
    def __init__(self, intents: IdentityIntents | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._intents = intents
        self._target: IdentityTarget | None = None
        self._customer: CustomerDetail | None = None
        self._verification: VerificationOut | None = None
        self._actions: Sequence[AccountActionOut] = ()
        self._status: str | None = None
        self._clock_offset = timedelta(0)  # server time minus ours, from the last load
        self._reasons: dict[str, str] = {}  # typed reasons survive a failed attempt
        self._keys: dict[tuple[Any, ...], str] = {}  # one Idempotency-Key per distinct request
        self.action_dialog: ActionDialog | None = None

        canvas = QWidget(objectName="identityCanvas")
        layout = QVBoxLayout(canvas)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        self.title = QLabel(objectName="panelTitle")
        self.freeze_button = QPushButton(objectName="emergencyFreezeButton")
        self.freeze_button.setStyleSheet(FREEZE_RED)
        self.freeze_button.setMinimumHeight(34)
        self.freeze_needs = PlainLabel(objectName="mutedLabel", selectable=False)
        self.result = PlainLabel(objectName="identityResult")
        self.result.setWordWrap(True)
        self.account = PlainLabel(objectName="identityAccount", selectable=False)
        self.checks_title = QLabel(objectName="sectionTitle")
        self.never_ask = PlainLabel(objectName="mutedLabel", selectable=False)
        self.checklist = VerificationChecklist()
        self.record_button = QPushButton(objectName="primaryButton")
        self.form_status = PlainLabel(objectName="mutedLabel")
        self.actions_title = QLabel(objectName="sectionTitle")
        self.action_buttons: dict[ActionKind, QPushButton] = {}
        self.action_needs: dict[ActionKind, PlainLabel] = {}
        # One under the other: the side column is too narrow for a button and its needs side
        # by side.
        actions = QVBoxLayout()
        actions.setSpacing(2)
        for kind in OTHER_ACTIONS:
            button = self.action_buttons[kind] = QPushButton(objectName=f"action_{kind}")
            needs = self.action_needs[kind] = PlainLabel(objectName="mutedLabel", selectable=False)
            needs.setWordWrap(True)
            needs.setContentsMargins(0, 0, 0, 6)
            button.clicked.connect(lambda _=False, k=kind: self._ask(k))
            actions.addWidget(button)
            actions.addWidget(needs)
        self.history_title = QLabel(objectName="sectionTitle")
        self.history = PlainLabel(objectName="mutedLabel")
        self.history.setWordWrap(True)
        for label in (self.freeze_needs, self.never_ask, self.account, self.form_status):
            label.setWordWrap(True)
        for widget in (
            self.title,
            self.freeze_button,
            self.freeze_needs,
            self.result,
            self.account,
            self.checks_title,
            self.never_ask,
            self.checklist,
            self.record_button,
            self.form_status,
            self.actions_title,
        ):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.setWidget(canvas)
        self.result.hide()
        self.freeze_button.clicked.connect(lambda: self._ask(ActionKind.FREEZE))
        self.record_button.clicked.connect(self._record)
        # Only while the tab is on screen: nobody reads the lines of a hidden one.
        self._recheck = QTimer(self, interval=RECHECK_MS)
        self._recheck.timeout.connect(self._show_needs)
        self.retranslate()
        self._enable()

    # --- public ------------------------------------------------------------------------------

    def target(self) -> IdentityTarget | None:
        return self._target

    def set_target(self, target: IdentityTarget | None, customer: CustomerDetail | None) -> None:
        """The ticket or chat on screen and its customer as cached (the account status)."""
        self._customer = customer
        if customer is not None:
            self._status = str(customer.account_status)
        if target != self._target:
            self._target = target
            self._verification = None
            self._actions = ()
            self._reasons.clear()
            self._keys.clear()
            self._status = str(customer.account_status) if customer is not None else None
            self.checklist.clear_form()
            self.result.hide()
            self.form_status.clear()
            self.reload()
        self._show_state()

    def reload(self) -> None:
        target = self._target
        if target is None or self._intents is None:
            return
        self._intents.load(target, lambda snap, error: self._loaded(target, snap, error))

    def retranslate(self) -> None:
        self.title.setText(tr("Identity & security"))
        self.freeze_button.setText(tr("Emergency freeze"))
        self.checks_title.setText(tr("Identity verification"))
        self.never_ask.setText(
            tr(
                "Verify against our records and the official app. Never ask for passwords, "
                "2FA / SMS / email codes, private keys or seed phrases."
            )
        )
        self.record_button.setText(tr("Record verification"))
        self.actions_title.setText(tr("Account actions"))
        self.history_title.setText(tr("Recent account actions"))
        for kind, button in self.action_buttons.items():
            button.setText(action_label(kind))
        self.checklist.retranslate()
        self._show_state()

    # --- server -> panel ---------------------------------------------------------------------

    def _now(self) -> datetime:
        return datetime.now(UTC) + self._clock_offset

    def _loaded(
        self, target: IdentityTarget, snap: IdentitySnapshot | None, error: str | None
    ) -> None:
        if target != self._target:
            return  # the agent moved on
        if snap is None:
            self.form_status.setText(error or "")
            return
        self._verification = snap.verification
        self._actions = snap.actions
        self._clock_offset = snap.verification.server_time - datetime.now(UTC)
        self._show_state()

    def _show_state(self) -> None:
        status = self._status
        if status is None:
            self.account.setText(tr("Account: loading…"))
        else:
            self.account.setText(tr("Account: {status}", status=account_status_label(status)))
        self.account.setProperty("alert", status == AccountStatus.FROZEN)
        self.account.setStyleSheet(
            "color: #b91c1c; font-weight: 600;" if status == AccountStatus.FROZEN else ""
        )
        records = self._verification.records if self._verification is not None else []
        self.checklist.set_records(records, self._now())
        lines = [
            tr(
                "{action} · {name} · {when} — {reason}",
                action=action_label(a.kind),
                name=a.agent_name,
                when=short_datetime(a.created_at),
                reason=a.reason,
            )
            for a in list(self._actions)[:MAX_HISTORY]
        ]
        self.history.setText("\n".join(lines) or tr("None yet."))
        self._show_needs()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_needs()
        self._recheck.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._recheck.stop()

    def _show_needs(self) -> None:
        records = self._verification.records if self._verification is not None else []
        passed = latest_passes((r.checks, r.created_at) for r in records)
        now = self._now()
        self.freeze_needs.setText(shortfall_text(missing_checks(ActionKind.FREEZE, passed, now)))
        for kind, label in self.action_needs.items():
            label.setText(shortfall_text(missing_checks(kind, passed, now)))

    def _enable(self, busy: bool = False) -> None:
        usable = self._intents is not None and not busy
        for button in (self.freeze_button, self.record_button, *self.action_buttons.values()):
            button.setEnabled(usable)

    def _say(self, text: str, *, error: bool) -> None:
        self.result.setText(text)
        self.result.setStyleSheet("color: #b91c1c;" if error else "color: #15803d;")
        self.result.show()

    # --- panel -> server ---------------------------------------------------------------------

    def _record(self) -> None:
        target, checks = self._target, self.checklist.ticked()
        if target is None or self._intents is None:
            return
        if not checks:
            self.form_status.setText(tr("Tick the checks the customer passed just now."))
            return
        note = self.checklist.note.text()
        key = self._key(("record", target, tuple(checks), note))
        self._enable(busy=True)
        self.form_status.setText(tr("Recording…"))
        self._intents.record(
            target, checks, note, key, lambda out, error: self._recorded(target, out, error)
        )

    def _recorded(
        self, target: IdentityTarget, out: VerificationOut | None, error: str | None
    ) -> None:
        self._enable()
        if target != self._target:
            return
        if out is None:
            self.form_status.setText(error or tr("Not recorded."))  # the boxes stay ticked
            return
        self._keys.clear()
        self.checklist.clear_form()
        self.form_status.setText(tr("Verification recorded."))
        self._verification = out
        self._clock_offset = out.server_time - datetime.now(UTC)
        self._show_state()

    def _ask(self, kind: ActionKind) -> None:
        target = self._target
        if target is None or self._intents is None:
            return
        customer = self._customer
        name = (
            f"{customer.display_name} ({target.customer_uid})" if customer else target.customer_uid
        )
        dialog = self.action_dialog = ActionDialog(
            kind,
            name,
            reason=self._reasons.get(kind, ""),
            transfers=customer.transfers if customer is not None else (),
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self._send(target, kind, dialog.reason_text(), dialog.params())
        )
        dialog.finished.connect(lambda _r: self._forget_dialog(dialog))
        dialog.open()

    def _forget_dialog(self, dialog: ActionDialog) -> None:
        if self.action_dialog is dialog:
            self.action_dialog = None
        dialog.deleteLater()

    def _send(
        self, target: IdentityTarget, kind: ActionKind, reason: str, params: dict[str, str]
    ) -> None:
        if target != self._target or self._intents is None:
            return
        self._reasons[kind] = reason
        key = self._key(("act", target, kind, reason, tuple(sorted(params.items()))))
        self._enable(busy=True)
        self._say(tr("{action}: sending…", action=action_label(kind)), error=False)
        self._intents.act(
            target,
            kind,
            reason,
            params,
            key,
            lambda out, error: self._acted(target, kind, out, error),
        )

    def _acted(
        self,
        target: IdentityTarget,
        kind: ActionKind,
        out: AccountActionOut | None,
        error: str | None,
    ) -> None:
        self._enable()
        if target != self._target:
            return
        if out is None:
            self._say(error or tr("Not done."), error=True)  # the reason stays for a retry
            return
        self._reasons.pop(kind, None)
        self._keys.clear()
        self._status = str(out.account_status)
        self._say(self._outcome(out), error=False)
        self.reload()
        self._show_state()

    @staticmethod
    def _outcome(out: AccountActionOut) -> str:
        if out.kind is ActionKind.FREEZE:
            if out.already:
                return tr(
                    "The account was already frozen (security escalation #{id}). "
                    "Nothing was done twice.",
                    id=out.escalation_id or "—",
                )
            told = tr("The customer was told.") if out.customer_notified else ""
            return " ".join(
                part
                for part in (
                    tr("Account frozen."),
                    tr("Security escalation #{id} opened.", id=out.escalation_id),
                    told,
                )
                if part
            )
        if out.kind is ActionKind.UNFREEZE:
            if out.already:
                return tr("The account was not frozen. Nothing was changed.")
            return tr("The account is active again.")
        if out.kind is ActionKind.INVESTIGATE_WITHDRAWAL:
            return tr("Finance escalation #{id} opened.", id=out.escalation_id)
        return tr("{action}: done.", action=action_label(out.kind))

    def _key(self, request: tuple[Any, ...]) -> str:
        # The same request sent again (after a lost answer) reuses its key: never done twice.
        return self._keys.setdefault(request, uuid.uuid4().hex)
