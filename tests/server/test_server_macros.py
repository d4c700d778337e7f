from __future__ import annotations

import re

from server_fixtures import ServerEnv, assert_error

from console.api.schemas import MacroOut
from console.server.demo.macros import DEMO_MACROS
from console.server.seeding import seed_demo_macros

ALLOWED = {"customer_name", "uid", "ticket_id", "agent_name"}
VALUES = {"customer_name": "李雷", "uid": "U1", "ticket_id": "42", "agent_name": "Mei"}


def test_macros_are_listed_once_seeded(env: ServerEnv) -> None:
    with env.as_user("alice") as c:
        before = c.get("/macros").json()
        seed_demo_macros(env.db)
        seed_demo_macros(env.db)  # a second seeding adds nothing
        listed = [MacroOut.model_validate(m) for m in c.get("/macros").json()]
    with env.client() as anonymous:
        assert_error(anonymous.get("/macros"), 401, "unauthorized")
    assert before == []
    assert [m.name for m in listed] == [m[0] for m in DEMO_MACROS]
    assert 8 <= len(listed) == len({m.id for m in listed})
    assert {m.set_status for m in listed} >= {"pending", "solved", None}
    assert all(m.add_tags for m in listed)


def test_every_body_has_four_languages_and_only_known_placeholders() -> None:
    for name, bodies, _status, _tags in DEMO_MACROS:
        assert set(bodies) == {"zh", "en", "ja", "ko"}, name
        for lang, body in bodies.items():
            found = set(re.findall(r"\{([^{}]*)\}", body))
            assert found and found <= ALLOWED, (name, lang, found)
            filled = body.format(**VALUES)
            assert "{" not in filled and "}" not in filled


def test_security_macros_never_ask_for_secrets() -> None:
    bodies = {name: b for name, b, _s, _t in DEMO_MACROS}
    lock = bodies["Account security: lock guidance"]
    assert "NEVER ask for your password, 2FA codes, seed phrase or private keys" in lock["en"]
    assert "绝不会" in lock["zh"] and "助记词" in lock["zh"]
    # No macro asks the customer to send any of them.
    asking = re.compile(
        r"(send|share|provide|reply with|tell us)[^.\n]{0,40}"
        r"(password|seed phrase|private key|2FA code)",
        re.IGNORECASE,
    )
    for name, b in bodies.items():
        assert not asking.search(b["en"].replace("Do not share them", "")), name
    withdrawal = bodies["Withdrawal delay: ask for the TxID"]
    assert all("TxID" in text for text in withdrawal.values())
