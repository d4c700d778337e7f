"""`python -m build` makes a wheel and an sdist; the wheel, installed with its dependencies into
a new virtual environment, gives a `support-console` that passes its `--self-test`."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.timeout(600),
    pytest.mark.skipif(sys.platform == "win32", reason="venv layout of POSIX systems"),
]


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{command}: {result.stdout[-2000:]}{result.stderr[-4000:]}"
    return result


def test_wheel_installs_and_passes_its_self_test(tmp_path: Path) -> None:
    if importlib.util.find_spec("build") is None:  # the project's `package` extra
        _run([sys.executable, "-m", "pip", "install", "-q", "build>=1.2"], timeout=300)
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], timeout=300)
    wheels = sorted(dist.glob("support_console-*.whl"))
    sdists = sorted(dist.glob("support_console-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in dist.iterdir())
    assert wheels[0].name.startswith(f"support_console-{version('support-console')}-")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", str(wheels[0])], timeout=480)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    command = env_dir / "bin" / "support-console"
    # Run from elsewhere, so nothing can come from the checkout.
    checked = subprocess.run(
        [str(command), "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr[-4000:]
    assert "self-test passed" in checked.stdout
    shown = _run([str(command), "--version"], timeout=60, env=env, cwd=tmp_path)
    assert shown.stdout.strip() == f"support-console {version('support-console')}"
