"""Where the data files read at run time live (style sheets, catalogs, demo knowledge base).

From a source checkout they sit at the repository root; a frozen bundle puts them next to the
executable's unpacked data (sys._MEIPASS); an installed wheel under <prefix>/share/support-console.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["resources_dir", "scenarios_dir", "translations_dir"]


def _data_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    checkout = Path(__file__).resolve().parents[2]  # console/core/data_files.py -> repository root
    if (checkout / "resources").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "support-console"


def resources_dir() -> Path:
    return _data_root() / "resources"


def scenarios_dir() -> Path:
    """The training scenarios (resources/scenarios/*.toml)."""
    return resources_dir() / "scenarios"


def translations_dir() -> Path:
    return _data_root() / "translations"
