"""The ticket's Identity tab: what each action still needs before the agent tries, recording a
verification, and the emergency freeze with its one confirmation; a failed call keeps what the
agent entered and says nothing was done; the server's refusal is shown as the reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ticket_commands import RecordingCommands, build_view
from ui_factories import customer, ticket

from console.api.schemas_identity import AccountActionOut, VerificationOut, VerificationRecordOut
from console.core.domain import AccountStatus
from console.core.identity import Check
from console.ui.i18n import set_language
from console.ui.identity.action_dialog import ActionDialog
from console.ui.identity.identity_panel import IdentityPanel
from console.ui.identity.ports import IdentitySnapshot, IdentityTarget

UID = "U10000042"
UNREACHABLE = "Not done: the server cannot be reached. Nothing was changed; please try again."


class FakeIdentity:
    """The session's identity actions, answered by the test (calls are kept with callbacks)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def load(self, target, done) -> None:
        self.calls.append(("load", (target, done)))

    def record(self, target, checks, note, key, done) -> None:
        self.calls.append(("record", (target, list(checks), note, key, done)))

    def act(self, target, kind, reason, params, key, done) -> None:
        self.calls.append(("act", (target, kind, reason, dict(params), key, done)))

    def last(self, name: str) -> tuple[Any, ...]:
        return next(args for call, args in reversed(self.calls) if call == name)


class Commands(RecordingCommands):
    def __init__(self) -> None:
        super().__init__()
        self.identity = FakeIdentity()


def _verification(*records: tuple[list[str], datetime], now: datetime) -> VerificationOut:
    return VerificationOut(
        ticket_id=1,
        customer_uid=UID,
        records=[
            VerificationRecordOut(
                id=i + 1,
                ticket_id=1,
                customer_uid=UID,
                checks=checks,
                agent_id=1,
                agent_name="Alice",
                created_at=at,
            )
            for i, (checks, at) in enumerate(records)
        ],
        server_time=now,
    )


def _open(qtbot, store, me):
    store.upsert_tickets([ticket(1, customer_uid=UID)])
    store.upsert_customer(customer(UID).model_copy(update={"account_status": AccountStatus.ACTIVE}))
    commands = Commands()
    view, _ = build_view(qtbot, store, me, commands)
    view.show_ticket(1)
    panel = view.security
    view.side.setCurrentWidget(panel)
    fake = commands.identity
    target, done = fake.last("load")
    assert target == IdentityTarget("ticket", 1, UID)
    return view, panel, fake, done


def test_the_tab_shows_what_each_action_needs_before_anyone_tries(qtbot, store, me) -> None:
    view, panel, _fake, loaded = _open(qtbot, store, me)
    assert view.side.tabText(view.side.indexOf(panel)) == "Identity"
    assert panel.account.text() == "Account: Active"
    now = datetime.now(UTC)
    loaded(IdentitySnapshot(_verification(now=now)), None)
    assert panel.freeze_needs.text().startswith("Needs: 2 more of: ")
    assert "Face check done in the official app" in panel.freeze_needs.text()
    assert panel.freeze_button.isEnabled()  # the server is the gate: the agent may still try
    # Two checks passed a while ago: enough for a freeze, not for a 2FA reset.
    old = now - timedelta(minutes=20)
    loaded(
        IdentitySnapshot(_verification((["registered_contact", "kyc_details"], old), now=now)), None
    )
    assert panel.freeze_needs.text() == "Verified for this."
    assert panel.action_needs["reset_2fa"].text().startswith("Needs: KYC details match")
    assert panel.checklist.passed[Check.KYC_DETAILS].text().startswith("✓ Alice · ")
    assert panel.checklist.passed[Check.LIVENESS].text() == "Not checked yet"
    assert "Never ask for passwords" in panel.never_ask.text()


def test_recording_keeps_the_form_when_offline_and_retries_with_the_same_key(
    qtbot, store, me
) -> None:
    _view, panel, fake, loaded = _open(qtbot, store, me)
    loaded(IdentitySnapshot(_verification(now=datetime.now(UTC))), None)
    panel.record_button.click()
    assert panel.form_status.text() == "Tick the checks the customer passed just now."
    panel.checklist.boxes[Check.REGISTERED_CONTACT].setChecked(True)
    panel.checklist.boxes[Check.RECENT_TRANSACTION].setChecked(True)
    panel.checklist.note.setText("matched the 0.5 BTC withdrawal")
    panel.record_button.click()
    _target, checks, note, key, done = fake.last("record")
    assert checks == ["registered_contact", "recent_transaction"]
    assert note == "matched the 0.5 BTC withdrawal"
    assert not panel.record_button.isEnabled()  # one request at a time
    done(None, UNREACHABLE)
    assert panel.form_status.text() == UNREACHABLE
    assert panel.checklist.ticked() == ["registered_contact", "recent_transaction"]
    assert panel.checklist.note.text() == "matched the 0.5 BTC withdrawal"
    panel.record_button.click()
    *_, again_key, done = fake.last("record")
    assert again_key == key  # a lost answer must not record twice
    now = datetime.now(UTC)
    done(_verification((checks, now), now=now), None)
    assert panel.checklist.ticked() == [] and panel.checklist.note.text() == ""
    assert panel.form_status.text() == "Verification recorded."
    assert panel.freeze_needs.text() == "Verified for this."


def test_emergency_freeze_asks_once_shows_the_refusal_then_the_result(qtbot, store, me) -> None:
    _view, panel, fake, loaded = _open(qtbot, store, me)
    loaded(IdentitySnapshot(_verification(now=datetime.now(UTC))), None)
    panel.freeze_button.click()
    dialog = panel.action_dialog
    assert isinstance(dialog, ActionDialog) and dialog.isVisible()
    assert "Withdrawals and trading stop at once" in dialog.question.text()
    dialog.ok_button.click()  # no reason: not sent
    assert dialog.isVisible() and dialog.error.text() == "Please give a reason."
    dialog.reason.setPlainText("Customer reports a login from Lagos they did not make")
    dialog.ok_button.click()
    target, kind, reason, params, key, done = fake.last("act")
    assert (target.kind, kind, params) == ("ticket", "freeze", {})
    refusal = (
        "Refused by the server: the customer's identity is not verified for this. "
        "Needs: 2 more of: …"
    )
    done(None, refusal)
    assert panel.result.text() == refusal and panel.result.isVisible()
    assert panel.account.text() == "Account: Active"
    # Asked again: the reason is still there; the same request reuses its key.
    panel.freeze_button.click()
    dialog = panel.action_dialog
    assert dialog is not None
    assert dialog.reason_text() == "Customer reports a login from Lagos they did not make"
    dialog.ok_button.click()
    *_, again_key, done = fake.last("act")
    assert again_key == key
    done(
        AccountActionOut(
            id=3,
            kind="freeze",
            customer_uid=UID,
            ticket_id=1,
            reason=reason,
            agent_id=1,
            agent_name="Alice",
            created_at=datetime.now(UTC),
            account_status=AccountStatus.FROZEN,
            escalation_id=7,
            customer_notified=True,
        ),
        None,
    )
    assert panel.result.text() == (
        "Account frozen. Security escalation #7 opened. The customer was told."
    )
    assert panel.account.text() == "Account: Frozen"
    assert fake.last("load")[0] == target  # the history and checks are read again


def test_without_a_session_the_buttons_are_off_and_the_tab_translates(qtbot) -> None:
    panel = IdentityPanel(None)
    qtbot.addWidget(panel)
    panel.set_target(IdentityTarget("ticket", 1, UID), customer(UID))
    assert not panel.freeze_button.isEnabled() and not panel.record_button.isEnabled()
    assert panel.account.text() == "Account: Frozen"
    set_language("zh_CN")
    panel.retranslate()
    assert panel.freeze_button.text() == "紧急冻结"
    assert panel.account.text() == "账户:已冻结"
