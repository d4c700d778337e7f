"""The Training page: the seat report (verdict, rubric, transcript replay as plain text,
comments), the quiz, the sessions table and the new-session dialog, the scenario editor, the
comparisons and the trainee's invitation strip, with wire objects built here (the real server
is in test_training_page_live.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from training_page_data import (
    HOSTILE,
    START,
    failed_report,
    history,
    quiz,
    quiz_result,
    scenarios,
    session,
)

from console.api.schemas import AgentOut
from console.api.schemas_training import (
    CommentOut,
    TrainingInvitationOut,
    TrainingSessionCreate,
)
from console.ui.shell.role_pages import pages_for
from console.ui.training.compare_tab import CompareTab, scenario_summary
from console.ui.training.quiz_widget import QuizWidget
from console.ui.training.scenarios_tab import ScenariosTab
from console.ui.training.seat_report import SeatReportView
from console.ui.training.sessions_tab import SessionsTab
from console.ui.training.training_actions import TrainingActions
from console.ui.training.training_page import TrainingPage

AGENTS = [
    AgentOut(id=1, username="alice", display_name="Alice Zhou", role="agent"),
    AgentOut(id=2, username="bob", display_name="Bob Miller", role="agent"),
    AgentOut(id=4, username="tom", display_name="Tom Becker", role="trainer"),
    AgentOut(id=9, username="nadia", display_name="Nadia Rahman", role="compliance"),
]


class Requests:
    """The pages' port to the training workspace, recorded: each request's client call (as
    method name and arguments) and its `done` / `failed`, answered by the test."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any], Callable, Callable]] = []

    def request(self, call: Callable, done: Callable, failed: Callable | None = None) -> None:
        seen: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

        class Client:
            def __getattr__(self, name: str) -> Callable[..., None]:
                return lambda *args, **kwargs: seen.append((name, args, kwargs))

        call(Client())
        [(name, args, kwargs)] = seen
        self.calls.append((name, args, kwargs, done, failed or (lambda _reason: None)))

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for called, args, _kw, _d, _f in self.calls if called == name]

    def last(self, name: str) -> tuple[tuple[Any, ...], dict[str, Any], Callable, Callable]:
        found = [(a, kw, d, f) for called, a, kw, d, f in self.calls if called == name]
        assert found, f"no {name} request"
        return found[-1]

    def answer(self, name: str, value: Any) -> None:
        self.last(name)[2](value)

    def fail(self, name: str, reason: str) -> None:
        self.last(name)[3](reason)


@pytest.fixture
def requests() -> Requests:
    return Requests()


def _shown(qtbot, widget, width: int = 1200, height: int = 760):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_page_is_on_the_rail_for_trainers_and_trainees() -> None:
    for role in ("trainer", "supervisor", "agent", "vip_manager"):
        assert "training" in [p.key for p in pages_for(role)]
    assert "training" not in [p.key for p in pages_for("compliance")]


# --- the seat report -------------------------------------------------------------------------


def test_a_failed_attempt_reads_as_failed_with_its_reasons(qtbot) -> None:
    view = _shown(qtbot, SeatReportView(read_only=False))
    view.show_report(failed_report())
    assert view.objectName() == "trainingReport"
    assert view.badge.text() == "FAIL" and view.badge.property("verdict") == "fail"
    assert view.fail_reasons.isVisible()
    assert "Asked the customer for their seed phrase." in view.fail_reasons.text()
    assert view.total.text() == "64 / 100"
    assert "First response: 00:42" in view.facts.text() and "Resolved: no" in view.facts.text()
    rubric = [
        [view.rubric.item(r, c).text() for c in range(4)] for r in range(view.rubric.rowCount())
    ]
    assert rubric[1] == [
        "Expected actions",
        "40",
        "26.7",
        "Not done: told the customer to move the funds to a new wallet.",
    ]
    assert rubric[2][0] == "No forbidden actions" and rubric[2][2] == "0"
    text = view.expectations.text()
    assert "✗ Missed: Told the customer to move the funds to a new wallet" in text
    assert "⚠ Forbidden, done: Asked for the seed phrase" in text


def test_the_transcript_is_plain_text_in_time_order_with_refusals_marked(qtbot) -> None:
    view = _shown(qtbot, SeatReportView(read_only=False))
    view.show_report(failed_report())
    table = view.replay.table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert [row[0] for row in rows] == ["00:00", "00:42", "01:01", "01:15", "02:10"]
    assert rows[1] == ["00:42", "Trainee", "Reply", HOSTILE]  # typed markup stays text
    assert rows[2][2] == "Froze the account"
    assert rows[3][2].startswith("✖ BLOCKED by the guard: asked for a seed phrase")
    assert table.item(3, 0).data(Qt.ItemDataRole.UserRole) is True
    assert view.title.textFormat() == Qt.TextFormat.PlainText
    assert view.comments.list.item(0).text().endswith("<i>Never.</i>")


def test_the_replay_reveals_steps_up_to_a_time(qtbot) -> None:
    view = _shown(qtbot, SeatReportView(read_only=False))
    view.show_report(failed_report())
    replay = view.replay
    assert replay.slider.objectName() == "trainingReplaySlider"
    assert replay.slider.maximum() == 130 and len(replay.visible_steps()) == 5  # all, at first
    replay.slider.setValue(60)
    assert [s.at_s for s in replay.visible_steps()] == [0.0, 42.0]
    assert replay.position.text() == "01:00 / 02:10"
    assert replay.step_forward() and replay.slider.value() == 61
    assert len(replay.visible_steps()) == 3
    replay.show_all()
    assert len(replay.visible_steps()) == 5

    replay.timer.setInterval(50)  # a step a second is for people
    replay.play()  # from the end: starts again at the beginning
    assert replay.timer.isActive() and replay.play_button.text() == "Pause"
    assert [s.at_s for s in replay.visible_steps()] == [0.0]
    qtbot.waitUntil(lambda: len(replay.visible_steps()) == 2, timeout=3000)
    replay.pause()
    assert not replay.timer.isActive() and replay.play_button.text() == "Play"

    # The same attempt refreshed keeps the replay where it is.
    position = replay.slider.value()
    view.show_report(failed_report())
    assert replay.slider.value() == position


def test_a_trainer_comments_and_a_trainee_only_reads(qtbot) -> None:
    view = _shown(qtbot, SeatReportView(read_only=False))
    view.show_report(failed_report())
    sent: list[tuple[int, str, str]] = []
    view.comment_requested.connect(lambda *args: sent.append(args))
    box = view.comments.box
    assert box.objectName() == "trainingCommentBox" and view.comments.compose.isVisible()
    assert not view.comments.send_button.isEnabled()
    qtbot.keyClicks(box, "Good freeze; the reply came late.")
    qtbot.mouseClick(view.comments.send_button, Qt.MouseButton.LeftButton)
    [(seat_id, body, key)] = sent
    assert (seat_id, body) == (22, "Good freeze; the reply came late.")
    view.comment_failed("The server cannot be reached.")
    assert "Comment not sent" in view.comments.error.text()
    assert box.toPlainText() == body
    qtbot.mouseClick(view.comments.send_button, Qt.MouseButton.LeftButton)
    assert sent[1][2] == key  # the same comment again: the same idempotency key
    view.comment_sent(
        CommentOut(
            id=2, seat_id=22, author_id=4, author_name="Tom Becker", body=body, created_at=START
        )
    )
    assert view.comments.list.count() == 2 and box.toPlainText() == ""

    trainee = _shown(qtbot, SeatReportView(read_only=True))
    trainee.show_report(failed_report())
    assert not trainee.comments.compose.isVisible()
    assert trainee.comments.list.count() == 1 and trainee.comments.list.isVisible()


# --- the quiz --------------------------------------------------------------------------------


def test_quiz_round_trip(qtbot, requests) -> None:
    widget = _shown(qtbot, QuizWidget(requests))
    assert widget.objectName() == "trainingQuiz"
    widget.count.setValue(2)
    qtbot.mouseClick(widget.new_button, Qt.MouseButton.LeftButton)
    [(data,)] = requests.named("new_quiz")
    assert (data.questions, data.language) == (2, "en")
    requests.answer("new_quiz", quiz())
    assert len(widget.questions) == 2
    prompt = widget.questions[1].prompt
    assert prompt.text() == "2. Which of these may an agent ask for? <b>one</b>"
    assert prompt.textFormat() == Qt.TextFormat.PlainText
    assert widget.questions[1].texts[1].text() == "The UID & the email"
    assert not widget.submit_button.isEnabled()
    widget.choose(0, 1)
    assert not widget.submit_button.isEnabled() and widget.score.text() == "1 of 2 answered"
    qtbot.mouseClick(widget.questions[1].texts[0], Qt.MouseButton.LeftButton)  # the words pick
    assert widget.answers() == {31: 1, 32: 0}
    qtbot.mouseClick(widget.submit_button, Qt.MouseButton.LeftButton)
    assert requests.named("answer_quiz") == [(3, {31: 1, 32: 0})]
    requests.answer("answer_quiz", quiz_result())
    assert widget.score.text() == "1 of 2 right"
    first, second = widget.questions
    assert first.mark.text().startswith("✓ Right") and first.mark.property("right") is True
    assert "✗ Wrong. The answer: The UID & the email" in second.mark.text()
    assert "Never ask for secrets" in second.mark.text()
    assert second.texts[1].property("mark") == "correct"
    assert second.texts[0].property("mark") == "wrong"
    assert not any(b.isEnabled() for b in second.group.buttons())
    assert not widget.submit_button.isEnabled()


# --- sessions, seats and a new session -------------------------------------------------------


def test_sessions_table_shows_seats_and_opens_a_report(qtbot, requests) -> None:
    tab = _shown(qtbot, SessionsTab(requests, trainer=True, agents=lambda: AGENTS))
    assert tab.poll.isActive() and requests.named("training_sessions")
    requests.answer("training_sessions", [session()])
    assert tab.sessions.objectName() == "trainingSessionsList"
    assert tab.sessions.rowCount() == 1 and tab.sessions.selected_id() == 1
    seats = tab.seats
    rows = [[seats.item(r, c).text() for c in range(6)] for r in range(seats.rowCount())]
    assert rows == [
        ["Alice Zhou", "1", "New phone, authenticator gone", "Running", "35", ""],
        ["Alice Zhou", "2", "Customer pastes a seed phrase", "Waiting", "—", ""],
        ["Bob Miller", "1", "New phone, authenticator gone", "Finished", "82.5", "PASS"],
        ["Bob Miller", "2", "Customer pastes a seed phrase", "Finished", "64", "FAIL"],
    ]
    assert tab.end_button.isVisible()
    # Every tick asks again: scores move while trainees work.
    tab._tick()
    moved = session(
        seats=[s.model_copy(update={"score": 55.0}) if s.id == 11 else s for s in session().seats]
    )
    requests.answer("training_sessions", [moved])
    assert seats.item(0, 4).text() == "55" and tab.sessions.selected_id() == 1

    seats.selectRow(3)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    assert tab.currentWidget() is tab.report
    assert requests.named("seat_report") == [(22,)]
    requests.answer("seat_report", failed_report())
    assert tab.report.view.badge.text() == "FAIL"
    qtbot.mouseClick(tab.report.back_button, Qt.MouseButton.LeftButton)
    assert tab.currentWidget() is tab.overview


def test_new_session_dialog_starts_a_session(qtbot, requests) -> None:
    tab = _shown(qtbot, SessionsTab(requests, trainer=True, agents=lambda: AGENTS))
    requests.answer("training_sessions", [])
    assert tab.empty.isVisible()
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None
    trainee_names = [dialog.trainee_list.item(r).text() for r in range(dialog.trainee_list.count())]
    assert trainee_names == ["Alice Zhou (Agent)", "Bob Miller (Agent)"]  # no trainer, no AML
    requests.answer("training_scenarios", scenarios())
    dialog.start()
    assert "Give the session a title." in dialog.error.text()
    qtbot.keyClicks(dialog.title_edit, "Class 4")
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh"))
    dialog.check_scenario("fee-question")  # English only: not for a Chinese class
    dialog.check_scenario("lost-2fa")
    dialog.check_trainee(1)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    (data,), kwargs, _done, _failed = requests.last("start_training_session")
    assert data == TrainingSessionCreate(
        title="Class 4", trainee_ids=[1], scenario_ids=["lost-2fa"], language="zh"
    )
    requests.fail("start_training_session", "The server cannot be reached.")
    assert "did not start" in dialog.error.text() and dialog.start_button.isEnabled()
    dialog.start()
    assert requests.last("start_training_session")[1] == kwargs  # the same key again
    requests.answer("start_training_session", session(7, title="Class 4", language="zh"))
    assert tab.dialog is None or not tab.dialog.isVisible()
    assert tab.sessions.selected_id() == 7


# --- scenarios, comparisons, the trainee's strip ---------------------------------------------


def test_scenario_editor_saves_and_shows_the_servers_refusal(qtbot, requests) -> None:
    tab = _shown(qtbot, ScenariosTab(requests))
    requests.answer("training_scenarios", scenarios())
    items = [tab.list.item(r).text() for r in range(tab.list.count())]
    assert items == [
        "New phone, authenticator gone\nLive chat · Account security",
        "A question about fees\nTicket · Spot trading · edited here",
    ]
    assert requests.named("training_scenario_text") == [("lost-2fa",)]
    (scenario_id,), _kw, done, _failed = requests.last("training_scenario_text")
    done(type("Text", (), {"id": scenario_id, "toml": 'title.en = "<b>x</b>"\n'})())
    editor = tab.editor
    assert editor.objectName() == "trainingScenarioEditor"
    assert editor.toPlainText() == 'title.en = "<b>x</b>"\n'
    qtbot.keyClicks(editor, "mood = 'grumpy'")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    (saved_id, toml), _kw, _done, _failed = requests.last("save_training_scenario")
    assert saved_id == "lost-2fa" and toml.startswith("mood = 'grumpy'")
    requests.fail("save_training_scenario", "lost-2fa.toml: persona.mood: unknown mood")
    assert tab.error.isVisible() and "persona.mood: unknown mood" in tab.error.text()

    assert tab.start_new("lost-2fa-hard")
    assert tab.heading.text() == "New scenario lost-2fa-hard (not saved yet)"
    assert not tab.start_new("Bad Name")
    tab.start_new("lost-2fa-hard2")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    (saved_id, toml), _kw, done, _failed = requests.last("save_training_scenario")
    assert saved_id == "lost-2fa-hard2" and "grumpy" in toml
    done(scenarios()[0].model_copy(update={"id": "lost-2fa-hard2", "edited": True}))
    assert tab.list.count() == 3 and not editor.document().isModified()


def test_compare_a_trainee_and_a_class(qtbot, requests) -> None:
    tab = _shown(qtbot, CompareTab(requests, lambda: AGENTS))
    tab.choose_trainee(2)
    assert requests.named("trainee_history") == [(2,)]
    requests.answer("trainee_history", history())
    table = tab.history_table
    assert table.rowCount() == 4
    assert [table.item(0, c).text() for c in (0, 1, 2, 3)] == ["Class 3", "P2P scam", "40", "FAIL"]
    assert table.item(3, 3).text() == "FAIL (below pass mark)"
    summary = scenario_summary(history().rows)
    assert [(title, n, best, latest.score) for title, n, best, latest in summary] == [
        ("New phone, authenticator gone", 3, 91.0, 74.0),
        ("P2P scam", 1, None, 40.0),
    ]
    tab.set_session(session())
    grid = tab.grid
    assert (grid.rowCount(), grid.columnCount()) == (2, 2)
    assert grid.verticalHeaderItem(1).text() == "Bob Miller"
    assert grid.item(1, 1).text() == "64 · FAIL" and grid.item(0, 0).text() == "35 …"


def test_a_trainee_sees_the_invitation_and_joins(qtbot) -> None:
    actions = TrainingActions(lambda: None, lambda coroutine: coroutine.close())
    joined: list[object] = []
    actions.join_requested.connect(joined.append)
    page = _shown(qtbot, TrainingPage(actions, trainer=False))
    banner = page.banner
    assert not banner.isVisible()
    invitation = TrainingInvitationOut(
        session_id=3, title="Class 3 <b>now</b>", trainer_name="Tom Becker", created_at=START
    )
    actions.invitation = invitation
    actions.invitation_changed.emit(invitation)
    assert banner.isVisible()
    assert banner.text.text() == "Tom Becker started “Class 3 <b>now</b>”: your seat is waiting."
    assert banner.text.textFormat() == Qt.TextFormat.PlainText
    join = page.findChild(type(banner.join_button), "trainingJoinButton")
    qtbot.mouseClick(join, Qt.MouseButton.LeftButton)
    assert joined == [invitation]
    actions.invitation = None
    actions.invitation_changed.emit(None)
    assert not banner.isVisible()
    assert page.view.objectName() == "trainingTraineeView"
    assert not page.view.results.new_button.isVisible()


def test_the_chinese_ui_shows_chinese_titles(qtbot, requests) -> None:
    from console.ui.i18n import set_language

    set_language("zh_CN")
    tab = _shown(qtbot, ScenariosTab(requests))
    requests.answer("training_scenarios", scenarios())
    assert tab.list.item(0).text().startswith("换了手机，谷歌验证器没了")
    assert tab.list.item(1).text().startswith("A question about fees")  # no Chinese title


def test_the_trainer_page_switches_language(qtbot, requests) -> None:
    from console.ui.i18n import set_language

    actions = TrainingActions(lambda: None, lambda coroutine: coroutine.close())
    actions.request = requests.request  # type: ignore[method-assign]
    page = _shown(qtbot, TrainingPage(actions, trainer=True, agents=lambda: AGENTS))
    view = page.view
    assert view.objectName() == "trainingTrainerView" and not page.banner.isVisible()
    requests.answer("training_sessions", [session()])
    set_language("zh_CN")
    page.retranslate()
    assert page.title.text() == "培训"
    assert [view.tabText(i) for i in range(view.count())] == ["培训场次", "对比", "场景", "测验"]
    assert view.sessions.seats.item(3, 5).text() == "不合格"
    assert view.sessions.new_button.text() == "新建培训…"
