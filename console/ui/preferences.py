"""Per-user interface preferences kept in the profile directory (language for now)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

__all__ = ["load_language", "save_language"]

log = logging.getLogger(__name__)

_FILE = "preferences.json"


def _read(profile_dir: Path) -> dict[str, object]:
    try:
        data = json.loads((profile_dir / _FILE).read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable preferences: %s", exc)
        return {}
    return data if isinstance(data, dict) else {}


def load_language(profile_dir: Path) -> str | None:
    value = _read(profile_dir).get("language")
    return value if isinstance(value, str) else None


def save_language(profile_dir: Path, code: str) -> None:
    data = _read(profile_dir)
    data["language"] = code
    try:
        profile_dir.mkdir(parents=True, exist_ok=True)
        (profile_dir / _FILE).write_text(json.dumps(data), "utf-8")
    except OSError as exc:
        log.warning("could not save preferences: %s", exc)
