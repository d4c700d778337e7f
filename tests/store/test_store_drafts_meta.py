from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from console.store import Change, Store


def test_drafts_round_trip_and_delete(store: Store) -> None:
    seen: list[Change] = []
    store.hub.subscribe(seen.append)
    assert store.draft("ticket:1") is None
    store.save_draft("ticket:1", "Dear customer, 您好")
    store.save_draft("ticket:1", "Dear customer, 您好!")
    store.save_draft("chat:9", "x")
    assert store.draft("ticket:1") == "Dear customer, 您好!"
    store.delete_draft("ticket:1")
    assert store.draft("ticket:1") is None
    store.save_draft("chat:9", "")
    assert store.draft("chat:9") is None
    assert seen[0] == Change("drafts", ("ticket:1",))


def test_meta_values(store: Store) -> None:
    assert store.get_meta("server") is None
    store.set_meta("server", "http://a")
    store.set_meta("server", "http://b")
    assert store.get_meta("server") == "http://b"


def test_a_saved_draft_survives_the_process_being_killed(tmp_path: Path) -> None:
    path = tmp_path / "console.sqlite3"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        from console.store import Store
        store = Store.open(Path({str(path)!r}))
        store.save_draft("ticket:42", "half-written answer")
        store.enqueue("message", 42, {{"body": "x"}}, "key-1", "cid-1")
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.run([sys.executable, "-c", script], env=env, timeout=60, check=False)
    assert proc.returncode == -signal.SIGKILL
    reopened = Store.open(path)
    try:
        assert reopened.draft("ticket:42") == "half-written answer"
        assert [i.idempotency_key for i in reopened.pending_outbox()] == ["key-1"]
    finally:
        reopened.close()
