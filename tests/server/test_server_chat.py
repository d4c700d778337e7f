"""Live chat on a real server: the bot, hand-off, the queue and routing, the agent's side."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_env import (
    VIP_UID,
    chat_running_env,
    conversation,
    key,
    mine,
    online,
    reset_chats,
    start_customer,
    wait_until,
)
from server_fixtures import ServerEnv, assert_error

from console.api.schemas import MessageOut, TicketOut
from console.api.schemas_chat import AgentChatStatusOut, ChatMessageOut, ConversationOut


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerEnv]:
    yield from chat_running_env(tmp_path_factory.mktemp("chat") / "server.sqlite3")


@pytest.fixture(autouse=True)
def _floor(env: ServerEnv) -> None:
    reset_chats(env)


def _events(env: ServerEnv, after: int, user: str = "sara") -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    with env.as_user(user) as c:
        items = c.get("/events", params={"after": after, "limit": 500}).json()["items"]
    return [(e["type"], e["payload"]) for e in items]


def _last_event(env: ServerEnv) -> int:
    with env.as_user("sara") as c:
        return int(c.get("/events", params={"after": 0, "limit": 1}).json()["last_id"])


def test_bot_answers_from_the_kb_then_hands_off_with_the_transcript(env: ServerEnv) -> None:
    customer = start_customer(env, "zh", "我的提币一直没到账", uid="U104")
    view = customer.view()
    assert view.conversation.state == "bot"
    assert [m.sender for m in view.messages] == ["customer", "bot"]
    answer = view.messages[1].body
    assert "https://lumen.example/help/zh/" in answer and "人工" in answer
    assert view.conversation.topic == "deposit_withdrawal"

    r = customer.say("转人工")
    assert r.status_code == 201, r.text
    view = customer.view()
    assert view.conversation.state == "queued"
    assert [m.sender for m in view.messages] == ["customer", "bot", "customer", "system"]
    assert view.messages[-1].body.startswith("正在为您转接人工客服")
    assert view.queue_position == 1 and view.estimated_wait_s == 90

    with env.as_user("alice") as alice:
        online(alice)
        offered = wait_until(lambda: [c for c in mine(alice) if c.id == customer.conversation_id])
        assert offered[0].state == "offered"
        accepted = ConversationOut.model_validate(
            alice.post(f"/chats/{customer.conversation_id}/accept", headers=key()).json()
        )
        assert accepted.state == "active" and accepted.assigned_agent_id is not None
        transcript = [
            ChatMessageOut.model_validate(m)
            for m in alice.get(f"/chats/{customer.conversation_id}/messages").json()
        ]
    assert [m.seq for m in transcript] == list(range(1, len(transcript) + 1))
    assert [m.sender for m in transcript][:4] == ["customer", "bot", "customer", "system"]
    assert transcript[-1].sender == "system" and "Alice" in transcript[-1].body
    assert accepted.topic == "deposit_withdrawal"


def test_english_bot_answer_and_unsure_hand_off(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "How do I reset my 2FA?")
    view = customer.view()
    assert view.messages[1].sender == "bot"
    assert "https://lumen.example/help/en/account-2fa-reset" in view.messages[1].body
    unsure = start_customer(env, "en", "asdf qwerty zzz")
    view = unsure.view()
    assert view.conversation.state == "queued"
    assert view.messages[-1].body == "Connecting you to an agent…"
    greeted = start_customer(env, "ja")
    view = greeted.view()
    assert view.conversation.state == "bot" and view.messages[0].sender == "bot"


def test_security_words_jump_the_queue(env: ServerEnv) -> None:
    first = start_customer(env, "en", "please connect me to a human")
    second = start_customer(env, "en", "talk to an agent")
    urgent = start_customer(env, "en", "My account was hacked, there is an unauthorized withdrawal")
    view = urgent.view()
    assert view.conversation.priority == "security"
    assert view.conversation.topic == "account_security"
    assert view.queue_position == 1
    assert first.view().queue_position == 2 and second.view().queue_position == 3
    assert second.view().estimated_wait_s == 3 * 90
    zh = start_customer(env, "zh", "我的账号被盗了")
    assert zh.view().conversation.priority == "security"
    with env.as_user("bob") as bob:
        queue = [ConversationOut.model_validate(c) for c in bob.get("/chats?scope=queue").json()]
        assert [c.id for c in queue][:2] == [urgent.conversation_id, zh.conversation_id]
        online(bob, capacity=1)
        got = wait_until(lambda: mine(bob))
        assert [c.id for c in got] == [urgent.conversation_id]


def test_capacity_is_respected(env: ServerEnv) -> None:
    customers = [start_customer(env, "en", "agent please") for _ in range(6)]
    with env.as_user("alice") as alice:
        status = AgentChatStatusOut.model_validate(online(alice))
        assert status.capacity == 5
        chats = wait_until(lambda: len(mine(alice)) == 5 and mine(alice))
        assert sorted(c.id for c in chats) == [c.conversation_id for c in customers[:5]]
        sixth = customers[5].view()
        assert sixth.conversation.state == "queued" and sixth.queue_position == 1
        for c in chats:
            r = alice.post(f"/chats/{c.id}/accept", headers=key())
            assert r.status_code == 200, r.text
        assert customers[5].view().conversation.state == "queued"
        r = alice.post(f"/chats/{chats[0].id}/end", headers=key())
        assert ConversationOut.model_validate(r.json()).state == "ended"
        wait_until(lambda: conversation(alice, customers[5].conversation_id).state == "offered")
        statuses = [AgentChatStatusOut.model_validate(s) for s in alice.get("/chat/status").json()]
        me = next(s for s in statuses if s.agent_id == env.workspace.agent_ids["alice"])
        assert me.status == "online" and me.active == 5


def test_decline_skips_that_agent_and_least_loaded_wins(env: ServerEnv) -> None:
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        online(alice)
        busy = start_customer(env, "en", "agent")
        wait_until(lambda: mine(alice))
        online(bob)
        customer = start_customer(env, "en", "human please")
        # alice has one chat already: bob, with none, gets the new one.
        got = wait_until(lambda: [c for c in mine(bob) if c.id == customer.conversation_id])
        assert got[0].offered_agent_id == env.workspace.agent_ids["bob"]
        r = bob.post(f"/chats/{customer.conversation_id}/decline", headers=key())
        after = ConversationOut.model_validate(r.json())
        assert after.offered_agent_id == env.workspace.agent_ids["alice"]
        assert_error(
            bob.post(f"/chats/{customer.conversation_id}/accept", headers=key()), 409, "conflict"
        )
        alice.post(f"/chats/{busy.conversation_id}/decline", headers=key())
        # alice declines hers: it goes to bob, and never back to her.
        assert (
            conversation(alice, busy.conversation_id).offered_agent_id
            == env.workspace.agent_ids["bob"]
        )


def test_vip_goes_to_the_account_manager_first(env: ServerEnv) -> None:
    with env.as_user("alice") as alice, env.as_user("mei") as mei:
        online(alice)
        online(mei)
        start_customer(env, "zh", "人工", uid="U104")  # a regular customer: least loaded
        vip = start_customer(env, "zh", "人工", uid=VIP_UID)
        assert vip.view().conversation.vip_tier == 1
        got = wait_until(lambda: [c for c in mine(mei) if c.id == vip.conversation_id])
        assert got[0].state == "offered"
        # Japanese chats never go to agents without Japanese.
        ja = start_customer(env, "ja", "オペレーターと話したい")
        assert ja.view().conversation.state == "queued"
        with env.as_user("yuki") as yuki:
            online(yuki)
            wait_until(lambda: [c for c in mine(yuki) if c.id == ja.conversation_id])


def test_transfer_to_an_agent_and_to_a_skill(env: ServerEnv) -> None:
    with env.as_user("alice") as alice, env.as_user("bob") as bob:
        online(alice)
        customer = start_customer(env, "en", "agent")
        cid = customer.conversation_id
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        assert_error(
            alice.post(
                f"/chats/{cid}/transfer",
                json={"to_agent_id": env.workspace.agent_ids["bob"]},
                headers=key(),
            ),
            409,
            "conflict",
        )  # bob is not online
        online(bob, capacity=3)
        body = {"to_agent_id": env.workspace.agent_ids["bob"], "note": "KYC expert needed"}
        r = alice.post(f"/chats/{cid}/transfer", json=body, headers=key())
        moved = ConversationOut.model_validate(r.json())
        assert moved.state == "offered" and moved.offered_agent_id == env.workspace.agent_ids["bob"]
        assert moved.transfer_note == "KYC expert needed"
        assert mine(alice) == []
        bob.post(f"/chats/{cid}/accept", headers=key())
        r = bob.post(f"/chats/{cid}/transfer", json={"to_skill": "kyc", "note": "n"}, headers=key())
        requeued = ConversationOut.model_validate(r.json())
        assert requeued.topic == "kyc"
        # bob handed it on: it goes to alice, not back to him.
        assert requeued.offered_agent_id == env.workspace.agent_ids["alice"]
        assert_error(
            bob.post(f"/chats/{cid}/transfer", json={"note": "x"}, headers=key()),
            422,
            "invalid_request",
        )


def test_convert_to_ticket_keeps_the_transcript(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "How do I reset my 2FA?", uid="U100")
    customer.say("that did not help, agent please")
    with env.as_user("alice") as alice:
        online(alice)
        cid = customer.conversation_id
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        alice.post(f"/chats/{cid}/messages", json={"body": "Let me check.", "client_id": "a1"})
        r = alice.post(f"/chats/{cid}/convert", headers=key())
        assert r.status_code == 200, r.text
        ticket = TicketOut.model_validate(r.json())
        assert ticket.channel == "in_app" and ticket.customer_uid == "U100"
        assert ticket.assignee_id == env.workspace.agent_ids["alice"]
        assert ticket.subject.startswith("Live chat: How do I reset my 2FA?")
        thread = [
            MessageOut.model_validate(m) for m in alice.get(f"/tickets/{ticket.id}/messages").json()
        ]
        assert thread[0].kind == "customer" and "reset my 2FA" in thread[0].body
        note = thread[1]
        assert note.kind == "note" and "Let me check." in note.body and "(bot)" in note.body
        assert conversation(alice, cid).ticket_id == ticket.id
        again = alice.post(f"/chats/{cid}/convert", headers=key())
        assert TicketOut.model_validate(again.json()).id == ticket.id
    guest = start_customer(env, "en", "agent")
    with env.as_user("sara") as sara:
        assert_error(
            sara.post(f"/chats/{guest.conversation_id}/convert", headers=key()), 409, "conflict"
        )


def test_messages_are_idempotent_and_ordered_on_both_sides(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent")
    cid = customer.conversation_id
    start = _last_event(env)
    first = customer.say("hello there", client_id="c-1")
    again = customer.say("hello there", client_id="c-1")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert_error(customer.say("other text", client_id="c-1"), 409, "conflict")
    with env.as_user("alice") as alice:
        online(alice)
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        one = alice.post(
            f"/chats/{cid}/messages", json={"body": "hi!", "client_id": "c-1"}, headers=key()
        )
        two = alice.post(
            f"/chats/{cid}/messages", json={"body": "hi!", "client_id": "c-1"}, headers=key()
        )
        assert one.status_code == 201 and two.status_code == 200
        assert one.json()["id"] == two.json()["id"] and one.json()["sender"] == "agent"
        for i in range(5):
            customer.say(f"m{i}")
        msgs = [
            ChatMessageOut.model_validate(m) for m in alice.get(f"/chats/{cid}/messages").json()
        ]
        later = alice.get(f"/chats/{cid}/messages", params={"after_seq": msgs[-3].seq}).json()
    assert [m.seq for m in msgs] == list(range(1, len(msgs) + 1))
    assert [m.body for m in msgs if m.sender == "customer"][-5:] == [f"m{i}" for i in range(5)]
    assert [m["seq"] for m in later] == [msgs[-2].seq, msgs[-1].seq]
    created = [
        p
        for t, p in _events(env, start, "alice")
        if t == "chat.message.created" and p["conversation_id"] == cid
    ]
    assert len([p for p in created if p["client_id"] == "c-1"]) == 2  # one per side, no repeats
    seqs = [p["seq"] for p in created]
    assert seqs == sorted(seqs)
    # Once the chat is Alice's, its messages are hers alone: a colleague's feed leaves them out.
    accepted_at = next(p["seq"] for p in created if p["sender"] == "agent")
    colleague = [
        p["seq"]
        for t, p in _events(env, start, "sara")
        if t == "chat.message.created" and p["conversation_id"] == cid
    ]
    assert colleague and max(colleague) < accepted_at


def test_read_typing_end_and_rating(env: ServerEnv) -> None:
    customer = start_customer(env, "en", "agent")
    cid = customer.conversation_id
    with env.as_user("alice") as alice:
        online(alice)
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        start = _last_event(env)
        assert (
            customer.http.put(f"/customer/chats/{cid}/typing", json={"typing": True}).status_code
            == 204
        )
        assert alice.put(f"/chats/{cid}/typing", json={"typing": True}).status_code == 204
        assert customer.view().agent_typing is True
        typing = [p for t, p in _events(env, start, "alice") if t == "chat.typing"]
        assert [(p["who"], p["typing"]) for p in typing] == [("customer", True), ("agent", True)]
        assert not [p for t, p in _events(env, start, "sara") if t == "chat.typing"]
        sent = alice.post(
            f"/chats/{cid}/messages", json={"body": "Hello", "client_id": "x"}, headers=key()
        ).json()
        assert customer.view().agent_typing is False
        read = customer.post("/read", json={"up_to_seq": sent["seq"]}).json()
        assert read["customer_read_seq"] == sent["seq"]
        assert_error(customer.post("/rating", json={"score": 5}), 409, "conflict")
        ended = ConversationOut.model_validate(
            alice.post(f"/chats/{cid}/end", headers=key()).json()
        )
        assert ended.state == "ended"
    view = customer.view()
    assert "rate this chat" in view.messages[-1].body
    rated = customer.post("/rating", json={"score": 4, "comment": "quick"}).json()
    assert rated["rating"] == 4 and rated["rating_comment"] == "quick"
    assert_error(customer.say("still there?"), 409, "conflict")
    assert_error(customer.post("/rating", json={"score": 6}), 422, "invalid_request")


def test_long_poll_wakes_on_a_new_message(env: ServerEnv) -> None:
    import threading
    import time

    customer = start_customer(env, "en", "agent")
    cid = customer.conversation_id
    last = customer.view().conversation.last_seq
    with env.as_user("alice") as alice:
        online(alice)
        wait_until(lambda: mine(alice))
        alice.post(f"/chats/{cid}/accept", headers=key())
        last = customer.view().conversation.last_seq

        def later() -> None:
            time.sleep(0.3)
            alice.post(
                f"/chats/{cid}/messages", json={"body": "there", "client_id": "lp"}, headers=key()
            )

        thread = threading.Thread(target=later)
        began = time.monotonic()
        thread.start()
        view = customer.view(after_seq=last, wait=10)
        thread.join()
    assert time.monotonic() - began < 5
    assert [m.body for m in view.messages] == ["there"]
    assert_error(
        customer.http.get(f"/customer/chats/{cid}", params={"wait": 60}), 422, "invalid_request"
    )
