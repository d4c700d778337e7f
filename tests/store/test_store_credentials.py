from __future__ import annotations

import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError, PasswordDeleteError

from console.store import credentials, paths


class MemoryKeyring(KeyringBackend):
    # keyring registers every backend subclass it sees and, on its first use anywhere in the
    # process, picks the one with the highest priority: below zero, this one is never chosen
    # by itself, so other tests in the same process keep the machine's real (absent) keyring.
    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.values.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class NoKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise NoKeyringError("no backend")


@pytest.fixture
def restore_keyring():  # type: ignore[no-untyped-def]
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_token_goes_to_the_keyring_when_there_is_one(tmp_path: Path, restore_keyring: None) -> None:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    credentials.save_session(tmp_path, "http://srv", "secret-token", '{"id": 1}')
    text = (tmp_path / credentials.SESSION_FILE).read_text()
    assert "secret-token" not in text
    assert list(backend.values.values()) == ["secret-token"]
    saved = credentials.load_session(tmp_path)
    assert saved == credentials.SavedSession("http://srv", "secret-token", '{"id": 1}')
    credentials.clear_session(tmp_path)
    assert backend.values == {}
    assert credentials.load_session(tmp_path) is None


def test_without_keyring_the_token_is_in_a_user_only_file(
    tmp_path: Path, restore_keyring: None
) -> None:
    keyring.set_keyring(NoKeyring())
    profile = tmp_path / "profile"
    credentials.save_session(profile, "http://srv", "secret-token", "{}")
    path = profile / credentials.SESSION_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert credentials.load_session(profile) == credentials.SavedSession(
        "http://srv", "secret-token", "{}"
    )
    credentials.clear_session(profile)
    assert not path.exists()
    credentials.clear_session(profile)  # nothing saved: fine


def test_corrupt_session_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / credentials.SESSION_FILE).write_text("{not json")
    assert credentials.load_session(tmp_path) is None


def test_default_profile_dir_is_named_for_the_app() -> None:
    assert paths.default_profile_dir().name == "support-console"
