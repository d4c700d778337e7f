"""The desktop bundle: `python packaging/build.py` builds it within the size budget, and the
built executable passes its own `--self-test` offscreen and reports the project's version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MB = 150.0

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.timeout(900),
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux one-folder bundle"),
]


def test_bundle_builds_within_budget_and_passes_its_self_test(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py")],
        capture_output=True,
        text=True,
        timeout=840,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    report = json.loads(build.stdout.strip().splitlines()[-1])
    assert report["path"] == "dist/support-console"
    assert 0 < report["bundle_mb"] <= BUDGET_MB, report
    executable = ROOT / report["path"] / "support-console"

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # Run from elsewhere, so nothing can come from the checkout.
    checked = subprocess.run(
        [str(executable), "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr[-4000:]
    assert "self-test passed" in checked.stdout

    shown = subprocess.run(
        [str(executable), "--version"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == f"support-console {version('support-console')}"
