"""A TicketCommands that records what the ticket workspace asked for (widget tests only; the
session's delegation to the sync engine is covered against the real server in tests/e2e)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from console.api.schemas import AgentOut, PresenceOut, TicketUpdate


class RecordingCommands:
    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.presence_entries: dict[int, list[PresenceOut]] = {}
        self.agent_list: list[AgentOut] = []
        self.previews: dict[int, QImage | None] = {}
        self.refresh_done: list[Callable[[], None]] = []

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [args for call, args in self.calls if call == name]

    def _record(self, name: str, *args: Any) -> None:
        self.calls.append((name, args))

    def can_send(self) -> bool:
        return True

    def send_message(self, ticket_id: int, kind: str, body: str, files: Sequence[Path] = ()):
        self._record("send_message", ticket_id, kind, body, tuple(files))

    def send_and_set_status(self, ticket_id: int, body: str, status: str, files=()):
        self._record("send_and_set_status", ticket_id, body, status, tuple(files))

    def apply_macro(self, ticket_ids: Sequence[int], macro_id: int) -> int:
        self._record("apply_macro", tuple(ticket_ids), macro_id)
        return len(ticket_ids)

    def update_ticket(self, ticket_id: int, update: TicketUpdate) -> None:
        self._record("update_ticket", ticket_id, update.model_dump(exclude_unset=True))

    def escalate(self, ticket_id: int, department: str, note: str) -> None:
        self._record("escalate", ticket_id, department, note)

    def close_escalation(self, escalation_id: int, ticket_id: int) -> None:
        self._record("close_escalation", escalation_id, ticket_id)

    def merge(self, source_id: int, into_id: int) -> None:
        self._record("merge", source_id, into_id)

    def link(self, ticket_id: int, other_id: int) -> None:
        self._record("link", ticket_id, other_id)

    def unlink(self, ticket_id: int, other_id: int) -> None:
        self._record("unlink", ticket_id, other_id)

    def set_presence(self, ticket_id: int, state: str) -> None:
        self._record("set_presence", ticket_id, state)

    def presence(self, ticket_id: int) -> list[PresenceOut]:
        return list(self.presence_entries.get(ticket_id, []))

    def agents(self) -> list[AgentOut]:
        return list(self.agent_list)

    def download_attachment(self, attachment_id: int, dest: Path) -> None:
        self._record("download_attachment", attachment_id, dest)

    def load_preview(self, attachment_id: int, max_side: int, done) -> None:
        self._record("load_preview", attachment_id, max_side)
        done(self.previews.get(attachment_id))

    def fetch_escalations(self, ticket_id: int) -> None:
        self._record("fetch_escalations", ticket_id)

    def retry(self, outbox_id: int) -> None:
        self._record("retry", outbox_id)

    def discard(self, outbox_id: int) -> None:
        self._record("discard", outbox_id)

    def refresh_ticket(self, ticket_id: int, done=None) -> None:
        self._record("refresh_ticket", ticket_id)
        if done is not None:
            self.refresh_done.append(done)


def png_bytes(width: int = 320, height: int = 200) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b82f6"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def build_view(qtbot, store, me, commands: RecordingCommands | None = None):
    """The real TicketView over `store`, shown, with recording commands."""
    from console.ui.change_bridge import ChangeBridge
    from console.ui.ticket.ticket_view import TicketView

    commands = commands or RecordingCommands()
    bridge = ChangeBridge(store.hub, coalesce_ms=5)
    view = TicketView(store, bridge, commands, me)
    view._test_bridge = bridge  # keep it alive with the view
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view, commands
