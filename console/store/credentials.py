"""The signed-in session: server URL and agent in a file, the token in the OS keyring.

Headless Linux often has no keyring backend (or one that fails on first use); then the token
goes into the same file, readable by the user only (0600).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SESSION_FILE = "session.json"
KEYRING_SERVICE = "support-console"


@dataclass(frozen=True, slots=True)
class SavedSession:
    server_url: str
    token: str
    agent_json: str


def _keyring_user(profile_dir: Path) -> str:
    return f"token:{profile_dir.resolve()}"


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)  # the file may have existed with wider permissions
    os.replace(tmp, path)


def save_session(profile_dir: Path, server_url: str, token: str, agent_json: str) -> None:
    record: dict[str, object] = {"server_url": server_url, "agent": agent_json}
    try:
        import keyring  # imported on use: loading its backends costs a tenth of a second

        keyring.set_password(KEYRING_SERVICE, _keyring_user(profile_dir), token)
        record["token_in_keyring"] = True
    except Exception as exc:  # any backend failure means: no usable keyring here
        log.info("keyring unavailable (%s); keeping the token in the profile file", exc)
        record["token"] = token
    _write_private(profile_dir / SESSION_FILE, json.dumps(record))


def load_session(profile_dir: Path) -> SavedSession | None:
    path = profile_dir / SESSION_FILE
    try:
        record = json.loads(path.read_text("utf-8"))
        server_url = str(record["server_url"])
        agent_json = str(record["agent"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring unreadable session file %s: %s", path, exc)
        return None
    token: str | None
    if record.get("token_in_keyring"):
        try:
            import keyring

            token = keyring.get_password(KEYRING_SERVICE, _keyring_user(profile_dir))
        except Exception as exc:
            log.warning("keyring unavailable while loading the session: %s", exc)
            token = None
    else:
        token = record.get("token")
    if not token:
        return None
    return SavedSession(server_url=server_url, token=str(token), agent_json=agent_json)


def clear_session(profile_dir: Path) -> None:
    path = profile_dir / SESSION_FILE
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        record = {}
    if isinstance(record, dict) and record.get("token_in_keyring"):
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, _keyring_user(profile_dir))
        except Exception as exc:
            log.info("could not remove the token from the keyring: %s", exc)
    path.unlink(missing_ok=True)
