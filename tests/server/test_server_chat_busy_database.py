"""A customer's message while another process writes to the database: the server neither
fails it nor stalls its event loop; the message waits its turn on a worker thread and lands
once, in the agent's feed."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import httpx
import pytest
from chat_env import chat_running_env, key, mine, online, start_customer, wait_until
from server_fixtures import ServerEnv


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from chat_running_env(tmp_path_factory.mktemp("chat") / "server.sqlite3")


def test_a_message_waits_for_another_writer_and_lands_once(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent")
    cid = customer.conversation_id
    with env.as_user("alice") as alice:
        online(alice)
        wait_until(lambda: mine(alice))
        assert alice.post(f"/chats/{cid}/accept", headers=key()).status_code == 200

        database = env.db.engine.url.database
        assert database is not None
        other = sqlite3.connect(database, isolation_level=None)  # another process's writer
        other.execute("BEGIN IMMEDIATE")
        answers: list[httpx.Response] = []
        sender = threading.Thread(
            target=lambda: answers.append(customer.say("while it writes", client_id="busy-1"))
        )
        try:
            sender.start()
            sender.join(0.5)
            assert not answers  # waiting for the other writer, not refused
            # The loop stays free meanwhile: other requests are answered.
            assert alice.get(f"/chats/{cid}").status_code == 200
        finally:
            other.execute("ROLLBACK")
            other.close()
        sender.join(10)
        [answer] = answers
        assert answer.status_code == 201, answer.text
        bodies = [m["body"] for m in alice.get(f"/chats/{cid}/messages").json()]
        assert bodies.count("while it writes") == 1
        feed = alice.get("/events", params={"after": 0, "limit": 1000}).json()["items"]
        created = [
            e["payload"]["id"]
            for e in feed
            if e["type"] == "chat.message.created" and e["payload"]["client_id"] == "busy-1"
        ]
        assert created == [answer.json()["id"]]
    customer.close()
