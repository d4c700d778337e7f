"""Where the console keeps its per-user data."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "support-console"


def default_profile_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))
