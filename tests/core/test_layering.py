"""The non-UI packages work without Qt: every module imports with Qt made unimportable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import importlib, importlib.abc, pkgutil, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"PySide6", "shiboken6", "qasync"}:
                raise ImportError(f"{name} is not available here")
            return None

    sys.meta_path.insert(0, NoQt())
    imported = 0
    for package in ("console.core", "console.api", "console.store", "console.sync",
                    "console.server"):
        module = importlib.import_module(package)
        imported += 1
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            importlib.import_module(info.name)
            imported += 1
    print(imported)
    """
)


def test_non_ui_packages_import_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 40  # every module was really imported


def test_core_imports_nothing_of_ours() -> None:
    probe = (
        "import sys, console.core.domain; "
        "print(sorted(m for m in sys.modules if m.startswith('console.') "
        "and not m.startswith('console.core')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
