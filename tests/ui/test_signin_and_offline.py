"""Sign-in against a real server, and working on with no server at all."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from live_helpers import DEMO_PASSWORD, demo_server, wait_until
from ui_factories import ME, ticket

from console.api.client import SupportClient
from console.server.embedded import EmbeddedServer
from console.ui.i18n import set_language
from console.ui.session import ConsoleSession
from console.ui.signin.signin_dialog import SignInDialog


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    yield from demo_server(tmp_path_factory.mktemp("signin") / "server.sqlite3", tickets=40)


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_demo_accounts_are_listed_and_sign_in_works(qasync_loop, qtbot, server):
    dialog = SignInDialog(server.base_url)
    qtbot.addWidget(dialog)
    dialog.show()

    async def scenario() -> None:
        await dialog.load_workspace()
        names = [dialog.demo_list.item(i).text() for i in range(dialog.demo_list.count())]
        assert names[0] == "alice / demo-pass-2026  ·  Agent" and len(names) == 5
        dialog._use_demo_account(dialog.demo_list.item(0))
        assert dialog.username_edit.text() == "alice"
        with qtbot.waitSignal(dialog.signed_in, timeout=5000) as blocker:
            dialog.sign_in_button.click()
            await wait_until(lambda: blocker.signal_triggered)
        client, token = blocker.args
        assert token.agent.username == "alice"
        assert (await client.me()).username == "alice"
        await client.aclose()

    qasync_loop.run_until_complete(scenario())


def test_wrong_password_reads_as_a_sentence(qasync_loop, qtbot, server):
    dialog = SignInDialog(server.base_url)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username_edit.setText("alice")
    dialog.password_edit.setText("not-the-password")

    async def scenario() -> None:
        await dialog.sign_in()

    qasync_loop.run_until_complete(scenario())
    assert dialog.error_label.text() == "The username or password is not correct."
    assert not dialog.error_label.isHidden()
    assert dialog.sign_in_button.isEnabled()


def test_unreachable_server_reads_as_a_sentence_in_chinese(qasync_loop, qtbot):
    set_language("zh_CN")
    url = _closed_port_url()
    dialog = SignInDialog(url)
    qtbot.addWidget(dialog)
    dialog.username_edit.setText("alice")
    dialog.password_edit.setText(DEMO_PASSWORD)
    qasync_loop.run_until_complete(dialog.sign_in())
    assert dialog.error_label.text() == f"无法连接服务器 {url}。请检查地址和网络。"
    assert "Traceback" not in dialog.error_label.text()


def test_replies_written_offline_wait_in_the_outbox(qasync_loop, qtbot, store):
    store.upsert_tickets([ticket(1)])
    session = ConsoleSession(store, ME)
    window = session.window
    qtbot.addWidget(window)
    window.show()

    async def scenario() -> None:
        session.attach(SupportClient(_closed_port_url(), "token", timeout=1.0))
        await wait_until(lambda: window.connection.state() in ("reconnecting", "offline"))
        assert window.inbox.select_ticket(1)
        await wait_until(lambda: window.ticket_view.ticket_id() == 1)
        box = window.ticket_view.reply_box
        assert box.send_button.isEnabled() is False  # nothing typed yet
        box.editor.setPlainText("We received your request.")
        box.send_button.click()
        await wait_until(lambda: window.ticket_view.conversation.bubbles)
        [bubble] = window.ticket_view.conversation.bubbles
        assert bubble.message.state == "queued"
        assert bubble.state_label.text() == "Queued — will be sent when online"
        assert [item.state for item in store.pending_outbox()] == ["queued"]
        await session.aclose()

    qasync_loop.run_until_complete(scenario())
