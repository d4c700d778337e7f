"""The smoke check that `support-console --self-test` runs, from the source install."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.api.errors import ApiError
from console.ui.self_test import run_self_test

EXPECTED_STEPS = (
    "ok  Qt ",
    "ok  catalogs and zh_CN formatting: 收件箱",
    "ok  server started on http://127.0.0.1:",
    "ok  signed in as alice",
    "ok  main window shown and painted",
    "ok  inbox shows ",
    "ok  opened ticket #",
    "ok  draft saved and read back from the store",
    "ok  ",  # N articles (the first fill may still be under way); 提币 finds …
    "ok  a 12-word phrase is recognised as mnemonic",
    "ok  server stopped, session closed",
    "self-test passed in ",
)


def test_self_test_passes_from_the_source_install(qapp, tmp_path: Path) -> None:
    lines: list[str] = []
    assert run_self_test(tmp_path, say=lines.append) == 0, "\n".join(lines)
    assert len(lines) == len(EXPECTED_STEPS), lines
    for line, start in zip(lines, EXPECTED_STEPS, strict=True):
        assert line.startswith(start), lines
    assert "articles; 提币 finds " in lines[-4], lines
    assert (tmp_path / "self-test" / "cache.sqlite3").exists()


def test_a_failing_step_is_named_with_its_reason(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refuse(self, username: str, password: str):
        raise ApiError(401, "invalid_credentials", "wrong user name or password")

    monkeypatch.setattr("console.api.client.SupportClient.login", refuse)
    lines: list[str] = []
    assert run_self_test(tmp_path, say=lines.append) == 1
    assert lines[-1].startswith("FAIL  sign in as alice: "), lines
    assert "wrong user name or password" in lines[-1]
    assert not any(line.startswith("ok  signed in") for line in lines)


def test_a_step_that_never_finishes_times_out(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("console.ui.self_test.DEMO_TICKETS", 0)  # the inbox stays empty
    monkeypatch.setattr("console.ui.self_test.STEP_TIMEOUT_S", 4.0)
    lines: list[str] = []
    assert run_self_test(tmp_path, say=lines.append) == 1
    assert lines[-1] == "FAIL  inbox: tickets in the inbox: not within 4 s", lines
