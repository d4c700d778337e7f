"""The review page: supervisors' flags and proposed edits with a diff, owners' due articles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from kb_fixtures import TODAY, RecordingKb, article, flag, revision

from console.api.schemas import AgentOut
from console.api.schemas_kb import KbLocale
from console.core.domain import Role
from console.store import Store
from console.ui.change_bridge import ChangeBridge
from console.ui.kb.review_page import ReviewPage

SUPERVISOR = AgentOut(id=5, username="sara", display_name="Sara Nakamura", role=Role.SUPERVISOR)


@pytest.fixture
def kb_store(store: Store) -> Store:
    store.kb.put_articles(
        [
            article(1, "overdue", reviewed_on=date(2026, 1, 1), review_every_days=90),
            article(2, "fresh", reviewed_on=date(2026, 11, 1)),
            article(3, "someone-elses", owner_id=99, reviewed_on=date(2025, 1, 1)),
            article(4, "mine-too", owner_id=5, reviewed_on=date(2025, 9, 1), review_every_days=90),
        ]
    )
    return store


@pytest.fixture
def intents() -> RecordingKb:
    return RecordingKb()


def make_page(qtbot, store: Store, intents: RecordingKb, me: AgentOut) -> Iterator[ReviewPage]:
    bridge = ChangeBridge(store.hub, coalesce_ms=5)
    page = ReviewPage(store.kb, bridge, intents, me, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    yield page
    bridge.close()


@pytest.fixture
def agent_page(qtbot, kb_store, intents, me) -> Iterator[ReviewPage]:
    yield from make_page(qtbot, kb_store, intents, me)


@pytest.fixture
def supervisor_page(qtbot, kb_store, intents) -> Iterator[ReviewPage]:
    yield from make_page(qtbot, kb_store, intents, SUPERVISOR)


def test_an_agent_sees_only_their_due_articles(agent_page: ReviewPage, intents: RecordingKb):
    assert [a.id for a in agent_page.due] == [1]
    assert agent_page.due_title.text() == "My articles due for review (1)"
    assert not agent_page.flag_list.isVisibleTo(agent_page)
    assert intents.named("load_review_queue") == []  # flags and edits are for supervisors


def test_still_accurate(agent_page: ReviewPage, intents: RecordingKb, kb_store: Store) -> None:
    agent_page.due_list.setCurrentRow(0)
    assert agent_page.detail.accurate_button.isVisibleTo(agent_page)
    assert not agent_page.detail.approve_button.isVisibleTo(agent_page)
    agent_page.detail.accurate_button.click()
    assert intents.named("mark_reviewed") == [(1,)]
    # The server's answer reaches the store (the engine puts it); the page then refreshes.
    kb_store.kb.put_articles(
        [
            article(
                1,
                "overdue",
                reviewed_on=TODAY,
                updated_at=article(1, "x").updated_at.replace(hour=10),
            )
        ]
    )
    intents.answer("mark_reviewed", None)
    assert agent_page.due == []


def test_supervisor_queue_loads_when_shown(supervisor_page: ReviewPage, intents: RecordingKb):
    assert intents.named("load_review_queue")
    assert supervisor_page.status.text() == "Loading…"
    current = article(2, "fresh")
    intents.answer(
        "load_review_queue",
        [flag(11, 2, "<b>Fee is wrong</b>\u202e"), flag(12, 2, "old", state="resolved")],
        [revision(21, current, note="Fix fee")],
        None,
    )
    assert supervisor_page.flags_title.text() == "Open flags (1)"
    assert supervisor_page.revisions_title.text() == "Proposed edits (1)"
    assert supervisor_page.flag_list.item(0).text() == (
        "Withdrawal article 2\nBob Miller: <b>Fee is wrong</b>"
    )
    assert [a.id for a in supervisor_page.due] == [4]  # a supervisor owns articles too


def load(page: ReviewPage, intents: RecordingKb, flags, revisions) -> None:
    while any(call == "load_review_queue" for call, _a, _d in intents.pending):
        intents.answer("load_review_queue", flags, revisions, None)
    page.set_queue(flags, revisions, None)


def test_resolve_a_flag(supervisor_page: ReviewPage, intents: RecordingKb) -> None:
    load(supervisor_page, intents, [flag(11, 2, "Fee is wrong")], [])
    supervisor_page.flag_list.setCurrentRow(0)
    assert supervisor_page.detail.text.text() == "Fee is wrong"
    assert supervisor_page.detail.resolve_button.isVisibleTo(supervisor_page)
    supervisor_page.detail.resolve_button.click()
    assert intents.named("resolve_flag") == [(11,)]
    intents.answer("resolve_flag", None)
    assert intents.named("load_review_queue")  # refreshed after the decision


def test_a_revision_shows_its_diff_and_is_approved(
    qtbot, supervisor_page: ReviewPage, intents: RecordingKb
) -> None:
    current = article(2, "fresh")
    locales = dict(current.locales)
    locales["en"] = KbLocale(
        title="Withdrawal article 2", summary="<script>New</script>", body="Body."
    )
    load(supervisor_page, intents, [], [revision(21, current, locales=locales, note="Fix")])
    supervisor_page.revision_list.setCurrentRow(0)
    html = supervisor_page.detail.diff_view.toHtml()
    assert "&lt;script&gt;New&lt;/script&gt;" in html and "<script>" not in html
    assert "-English summary." in supervisor_page.detail.diff_view.toPlainText()
    assert supervisor_page.detail.approve_button.isEnabled()
    assert supervisor_page.detail.conflict.isHidden()
    with qtbot.waitSignal(supervisor_page.notice) as notice:
        supervisor_page.detail.approve_button.click()
        intents.answer("approve_revision", None)
    assert intents.named("approve_revision") == [(21, "")]
    assert notice.args == ["The edit was published."]


def test_a_revision_against_an_old_version_cannot_be_approved(
    supervisor_page: ReviewPage, intents: RecordingKb, kb_store: Store
) -> None:
    old = article(2, "fresh")
    kb_store.kb.put_articles([article(2, "fresh", version=2)])
    load(supervisor_page, intents, [], [revision(21, old)])
    supervisor_page.revision_list.setCurrentRow(0)
    assert not supervisor_page.detail.approve_button.isEnabled()
    assert "version 2" in supervisor_page.detail.conflict.text()


def test_reject_with_a_comment_and_a_failure_is_told(
    qtbot, supervisor_page: ReviewPage, intents: RecordingKb
) -> None:
    load(supervisor_page, intents, [], [revision(21, article(2, "fresh"))])
    supervisor_page.revision_list.setCurrentRow(0)
    supervisor_page.detail.reject_button.click()
    dialog = supervisor_page.reject_dialog
    assert dialog is not None
    dialog.editor.setPlainText("Please cite the fee table.")
    dialog.ok_button.click()
    assert intents.named("reject_revision") == [(21, "Please cite the fee table.")]
    with qtbot.waitSignal(supervisor_page.notice) as notice:
        intents.answer("reject_revision", "Offline: this needs a connection.")
    assert notice.args == ["Offline: this needs a connection."]


def test_a_review_event_reloads_the_queue(supervisor_page: ReviewPage, intents: RecordingKb):
    load(supervisor_page, intents, [], [])
    before = len(intents.named("load_review_queue"))
    intents.review_changed.emit()
    assert len(intents.named("load_review_queue")) == before + 1


def test_open_article_from_a_flag(qtbot, supervisor_page: ReviewPage, intents) -> None:
    load(supervisor_page, intents, [flag(11, 2, "x")], [])
    supervisor_page.flag_list.setCurrentRow(0)
    with qtbot.waitSignal(supervisor_page.open_article) as opened:
        supervisor_page.detail.open_button.click()
    assert opened.args == [2]


def test_a_failed_queue_load_says_why(supervisor_page: ReviewPage, intents: RecordingKb) -> None:
    intents.answer("load_review_queue", None, None, "Offline: this needs a connection.")
    assert supervisor_page.status.text() == "Offline: this needs a connection."
