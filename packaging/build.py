"""Build the Support Console desktop bundle: `python packaging/build.py [--onefile] [--clean]`.

From a fresh checkout: outside a virtual environment it creates `.venv` (or $SUPPORT_CONSOLE_VENV)
and runs itself there; it installs the project with its `package` extra (PyInstaller) when they
are missing or out of date, runs PyInstaller with packaging/support-console.spec into dist/
(work files in build/), and prints one JSON line on stdout:

    {"bundle_mb": 123.4, "files": 456, "build_s": 78.9, "path": "dist/support-console"}

bundle_mb is the bundle's total file size in megabytes (10^6 bytes). Everything else (pip's and
PyInstaller's messages) goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import tomllib
import venv
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "support-console.spec"
NAME = "support-console"


def _log(message: str) -> None:
    print(f"build: {message}", file=sys.stderr, flush=True)


def _in_virtualenv() -> bool:
    return sys.prefix != sys.base_prefix


def _venv_python(venv_dir: Path) -> Path:
    if sys.platform == "win32":
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def _reexec_in_venv(argv: list[str]) -> int:
    venv_dir = Path(os.environ.get("SUPPORT_CONSOLE_VENV", ROOT / ".venv"))
    if not venv_dir.is_absolute():
        venv_dir = ROOT / venv_dir
    python = _venv_python(venv_dir)
    if not python.exists():
        _log(f"creating a virtual environment in {venv_dir}")
        venv.create(venv_dir, with_pip=True)
    return subprocess.call([str(python), str(Path(__file__).resolve()), *argv])


def _wanted_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def ensure_tools() -> None:
    """The project (its metadata goes into the bundle) and PyInstaller, from the `package` extra."""
    if _installed(NAME) == _wanted_version() and _installed("pyinstaller"):
        return
    _log("installing the project with its 'package' extra")
    command = [sys.executable, "-m", "pip", "install", "-q", "-e", f"{ROOT}[package]"]
    subprocess.run(command, check=True, stdout=sys.stderr)


def _distpath(onefile: bool) -> Path:
    # The one-file executable would take the one-folder bundle's name: it gets its own folder.
    return ROOT / "dist" / "onefile" if onefile else ROOT / "dist"


def run_pyinstaller(onefile: bool, clean: bool) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(_distpath(onefile)),
        "--workpath",
        str(ROOT / "build"),
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    if onefile:
        command += ["--", "--onefile"]
    subprocess.run(command, check=True, stdout=sys.stderr, cwd=ROOT)


def bundle_path(onefile: bool) -> Path:
    dist = _distpath(onefile)
    if sys.platform == "darwin":
        return dist / "Support Console.app"
    if onefile:
        return dist / (NAME + (".exe" if sys.platform == "win32" else ""))
    return dist / NAME


def measure(path: Path) -> tuple[int, int]:
    """Total size in bytes and number of files (symbolic links not followed)."""
    if path.is_file():
        return path.stat().st_size, 1
    total = count = 0
    for item in path.rglob("*"):
        if item.is_file() and not item.is_symlink():
            total += item.stat().st_size
            count += 1
    return total, count


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--onefile", action="store_true", help="one executable file")
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    args = parser.parse_args(args_list)
    if not _in_virtualenv():
        return _reexec_in_venv(args_list)
    started = time.monotonic()
    ensure_tools()
    run_pyinstaller(args.onefile, args.clean)
    path = bundle_path(args.onefile)
    if not path.exists():
        _log(f"PyInstaller finished but {path} is missing")
        return 1
    size, files = measure(path)
    report = {
        "bundle_mb": round(size / 1e6, 1),
        "files": files,
        "build_s": round(time.monotonic() - started, 1),
        "path": path.relative_to(ROOT).as_posix(),
    }
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
