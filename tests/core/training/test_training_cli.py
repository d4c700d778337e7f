"""`python -m console.training`: validate lists good scenarios and exits 0, names the file and
field of a broken one and exits 1, and exits 2 on usage errors; show prints one scenario."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from console.core.data_files import scenarios_dir

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS = scenarios_dir()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console.training", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


def test_validate_lists_every_shipped_scenario() -> None:
    result = _run("validate", "resources/scenarios")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    ids = sorted(path.stem for path in SCENARIOS.glob("*.toml"))
    assert len(ids) >= 15
    lines = result.stdout.splitlines()
    listed = [line.split()[0] for line in lines[:-1]]
    assert listed == ids
    stolen = next(line for line in lines if line.startswith("stolen-account "))
    assert "ticket" in stolen and "zh,en" in stolen
    assert "Stolen account" in stolen  # the English title
    assert "4 turns" in stolen and "expected=35" in stolen
    assert lines[-1] == f"{len(ids)} scenarios, all good"


def test_validate_accepts_single_files() -> None:
    result = _run(
        "validate", "resources/scenarios/lost-2fa.toml", "resources/scenarios/p2p-scam.toml"
    )
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[:2]] == ["lost-2fa", "p2p-scam"]
    assert " chat " in result.stdout.splitlines()[0]


def test_validate_names_the_broken_file_and_field(tmp_path: Path) -> None:
    good = (SCENARIOS / "stolen-account.toml").read_text(encoding="utf-8")
    (tmp_path / "stolen-account.toml").write_text(good, encoding="utf-8")
    broken = good.replace("weight = 35", "weight = 40").replace(
        '"escalate:security"', '"escalate:legal"'
    )
    (tmp_path / "broken-copy.toml").write_text(broken, encoding="utf-8")
    result = _run("validate", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("stolen-account ")  # the good one is listed
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    # The first problem in the file is reported: the escalation's department.
    assert errors == [
        f"error: {tmp_path / 'broken-copy.toml'}: expect[2].action: "
        '"legal" is not a department (one of: security, risk_aml, finance, engineering, compliance)'
    ]
    assert "1 good, 1 broken" in result.stderr


def test_validate_reports_a_syntax_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "typo.toml"
    path.write_text('title.zh = "x"\ntitle.en = "y\nchannel = "chat"\n', encoding="utf-8")
    result = _run("validate", str(path))
    assert result.returncode == 1
    assert f"error: {path}: line 2: TOML syntax" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = _run("validate", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "nowhere" in missing.stderr
    assert _run("frobnicate").returncode == 2
    assert _run().returncode == 2


def test_show_prints_the_scenario_in_a_language() -> None:
    result = _run("show", "resources/scenarios/stolen-account.toml", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stolen-account: 账户被盗")
    assert "turn after-freeze (when action freeze_account):" in result.stdout
    assert "guard_blocked:asks_secret" in result.stdout and "FAILS the attempt" in result.stdout
    english = _run("show", "resources/scenarios/stolen-account.toml", "--lang", "en")
    assert "customer: Wang Lei (panicked" in english.stdout
