"""A seed phrase or key a customer sends in chat is hidden before the server stores it: the
stored text, the customer's view and every agent's feed hold the marker; the customer is told at
once to move their funds; a chat still with the bot goes to a person first in line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_env import chat_running_env, key, mine, online, reset_chats, start_customer, wait_until
from mnemonic import Mnemonic
from server_fixtures import ServerEnv

from console.server.services import chat_texts

PHRASE_ZH = Mnemonic("chinese_simplified").to_mnemonic(bytes(range(16)))
PHRASE_EN = Mnemonic("english").to_mnemonic(bytes(range(100, 132)))


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from chat_running_env(tmp_path_factory.mktemp("chat-secrets") / "server.sqlite3")


@pytest.fixture(autouse=True)
def _floor(env: ServerEnv) -> None:
    reset_chats(env)


def _events_after(env: ServerEnv, user: str, after: int) -> list[dict]:  # type: ignore[type-arg]
    with env.as_user(user) as c:
        return c.get("/events", params={"after": after, "limit": 500}).json()["items"]


def test_a_phrase_sent_to_the_bot_is_hidden_warned_about_and_handed_to_a_person(
    env: ServerEnv,
) -> None:
    customer = start_customer(env, "zh")  # the bot greets; nobody is online
    with env.as_user("sara") as sara:
        start = sara.get("/events", params={"after": 0, "limit": 1}).json()["last_id"]
    sent = customer.say(f"我的钱包是不是被盗了？助记词：{PHRASE_ZH}", client_id="s-1")
    assert sent.status_code == 201, sent.text
    stored = sent.json()["body"]
    assert stored == "我的钱包是不是被盗了？助记词：[secret redacted: mnemonic]"
    # Sent again (a lost answer): the same message, not a conflict with the hidden text.
    again = customer.say(f"我的钱包是不是被盗了？助记词：{PHRASE_ZH}", client_id="s-1")
    assert again.status_code == 200 and again.json()["id"] == sent.json()["id"]
    view = customer.view()
    bodies = [m.body for m in view.messages]
    # (Each word is one common character: look for the phrase, not for its characters.)
    assert not any(PHRASE_ZH in body or PHRASE_ZH.replace(" ", "") in body for body in bodies)
    assert chat_texts.text_for("secret_warning", "zh") in bodies
    assert view.conversation.state in ("queued", "offered")  # a person, not the bot
    assert view.conversation.priority == "security"
    assert bodies[-1] == chat_texts.text_for("handoff_security", "zh")
    # No agent's feed ever carried the phrase.
    feed = str(_events_after(env, "sara", start))
    assert "[secret redacted: mnemonic]" in feed
    assert PHRASE_ZH not in feed and " ".join(PHRASE_ZH.split()[:4]) not in feed


def test_a_key_sent_to_an_agent_reaches_them_hidden(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent")
    cid = customer.conversation_id
    with env.as_user("alice") as alice:
        online(alice)
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        text = f"here are my words\n1. {PHRASE_EN.replace(' ', chr(10) + '1. ')}\nthanks"
        assert customer.say(text).status_code == 201
        messages = alice.get(f"/chats/{cid}/messages").json()
    customer_lines = [m["body"] for m in messages if m["sender"] == "customer"]
    assert customer_lines[-1].startswith("here are my words")
    assert "[secret redacted: mnemonic]" in customer_lines[-1]
    assert not any(w in customer_lines[-1].split() for w in PHRASE_EN.split())
    system = [m["body"] for m in messages if m["sender"] == "system"]
    assert chat_texts.text_for("secret_warning", "en") in system
    assert customer.view().conversation.state == "active"  # the agent keeps the chat


def test_a_phrase_sent_while_waiting_moves_the_chat_to_the_front(env: ServerEnv) -> None:
    waiting = start_customer(env, "en", "agent")
    assert waiting.view().conversation.state == "queued"
    assert waiting.view().conversation.priority == "normal"
    assert waiting.say(f"is this safe? {PHRASE_EN}").status_code == 201
    assert waiting.view().conversation.priority == "security"


def test_ordinary_text_and_a_transaction_hash_are_left_as_written(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent")
    tx = "0x" + "3f" * 32
    text = f"My deposit has not arrived, the transaction hash is {tx}, can you check the address?"
    sent = customer.say(text)
    assert sent.status_code == 201 and sent.json()["body"] == text
    assert chat_texts.text_for("secret_warning", "en") not in [
        m.body for m in customer.view().messages
    ]


# --- what agents send: the outgoing guard on the server ------------------------------------------


def test_an_agent_message_asking_for_a_code_or_linking_a_lookalike_is_refused(
    env: ServerEnv,
) -> None:
    customer = start_customer(env, "en", "agent")
    cid = customer.conversation_id
    with env.as_user("alice") as alice:
        online(alice)
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())

        def send(body: str):  # type: ignore[no-untyped-def]
            return alice.post(
                f"/chats/{cid}/messages", json={"body": body, "client_id": body[:60]}, headers=key()
            )

        for unsafe in (
            "Please send me your 2FA code so I can verify you.",
            "You can reset it here: https://lumen-secure.com/reset",
            "请提供您的私钥，我们帮您找回资产。",
        ):
            refused = send(unsafe)
            assert refused.status_code == 422, refused.text
            assert refused.json()["error"]["code"] == "unsafe_message"
        assert send("Never share your 2FA code with anyone, including us.").status_code == 201
        assert send("Guide: https://lumen.example/help/en/2fa-reset").status_code == 201
    assert not [m for m in customer.view().messages if "lumen-secure" in m.body]
