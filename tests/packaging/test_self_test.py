"""The smoke check that `support-console --self-test` runs, from the source install.

Each check runs in a fresh interpreter, as `--self-test` does: the self-test owns its
QApplication's event loop and ends with the process, and what it leaves behind once crashed a
later test's Qt event processing when it ran inside the test process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    "ok  training workspace: ",
    "ok  server stopped, session closed",
    "self-test passed in ",
)

_RUN = """
import sys
from pathlib import Path
from console.ui.self_test import run_self_test
{prepare}
lines = []
code = run_self_test(Path(sys.argv[1]), say=lines.append)
print("\\n".join(lines))
raise SystemExit(code)
"""


def self_test(profile: Path, prepare: str = "") -> tuple[int, list[str]]:
    """Runs the self-test in a new interpreter after `prepare` (Python source); its exit code
    and the lines it reported."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _RUN.format(prepare=prepare), str(profile)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert lines, done.stderr[-2000:]
    return done.returncode, lines


def test_self_test_passes_from_the_source_install(tmp_path: Path) -> None:
    code, lines = self_test(tmp_path)
    assert code == 0, "\n".join(lines)
    assert len(lines) == len(EXPECTED_STEPS), lines
    for line, start in zip(lines, EXPECTED_STEPS, strict=True):
        assert line.startswith(start), lines
    assert "articles; 提币 finds " in lines[-5], lines
    assert int(lines[-3].split(": ")[1].split()[0]) >= 15, lines  # the shipped scenarios
    assert (tmp_path / "self-test" / "cache.sqlite3").exists()


_REFUSE_SIGN_IN = """
from console.api.client import SupportClient
from console.api.errors import ApiError

async def refuse(self, username, password):
    raise ApiError(401, "invalid_credentials", "wrong user name or password")

SupportClient.login = refuse
"""


def test_a_failing_step_is_named_with_its_reason(tmp_path: Path) -> None:
    code, lines = self_test(tmp_path, _REFUSE_SIGN_IN)
    assert code == 1
    assert lines[-1].startswith("FAIL  sign in as alice: "), lines
    assert "wrong user name or password" in lines[-1]
    assert not any(line.startswith("ok  signed in") for line in lines)


_EMPTY_INBOX_SHORT_STEPS = """
import console.ui.self_test as self_test_module
self_test_module.DEMO_TICKETS = 0  # the inbox stays empty
self_test_module.STEP_TIMEOUT_S = 4.0
"""


def test_a_step_that_never_finishes_times_out(tmp_path: Path) -> None:
    code, lines = self_test(tmp_path, _EMPTY_INBOX_SHORT_STEPS)
    assert code == 1
    assert lines[-1] == "FAIL  inbox: tickets in the inbox: not within 4 s", lines
