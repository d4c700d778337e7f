"""The session's side of the audit views (ports.AuditIntents), straight over the API client,
and the wiring of the composers' blocked messages to the GuardBlockReporter."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import QObject

from console.api.errors import ApiError, ServerUnreachable
from console.api.schemas_audit import AuditPage
from console.ui.audit.guard_reports import GuardBlockReporter
from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.api.client import SupportClient
    from console.api.schemas import AgentOut
    from console.store import Store
    from console.ui.audit.ports import Answer, AuditQuery
    from console.ui.shell.main_window import MainWindow

__all__ = ["AuditActions", "failure_text"]

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, None]], None]


def failure_text(exc: Exception) -> str:
    """Why the audit log could not be read, for the reader."""
    if isinstance(exc, ServerUnreachable):
        return tr("The server cannot be reached. Check the connection and try again.")
    if isinstance(exc, ApiError):
        if exc.status == 401:
            return tr("Your session has ended. Sign in again, then retry.")
        if exc.status == 403:
            return tr("Your role cannot do this.")
        return tr("That did not work: {reason}", reason=exc.message)
    return tr("That did not work. Please try again.")


class AuditActions(QObject):
    def __init__(
        self,
        store: Store,
        client: Callable[[], SupportClient | None],
        spawn: Spawn,
        agents: Callable[[], list[AgentOut]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._spawn = spawn
        self._agents = agents
        self.reporter = GuardBlockReporter(store, client, spawn, parent=self)

    def watch(self, window: MainWindow) -> None:
        """Report what the ticket's and the chats' composers keep back."""
        reply_box = window.ticket_view.reply_box
        reply_box.guard_blocked.connect(lambda tid, text: self.reporter.report("reply", tid, text))
        chats = window.chat_pages
        if chats is not None:
            chats.guard_blocked.connect(
                lambda cid, text: self.reporter.report("chat_message", cid, text)
            )

    def close(self) -> None:
        self.reporter.close()

    def agents(self) -> list[AgentOut]:
        return self._agents()

    def load_page(self, query: AuditQuery, before_id: int | None, done: Answer[AuditPage]) -> None:
        client = self._client()
        if client is None:
            done(None, tr("Not connected yet. Please try again in a moment."))
            return

        async def run() -> None:
            try:
                page = await client.audit_log(
                    ticket_id=query.ticket_id,
                    customer_uid=query.customer_uid,
                    actor_id=query.actor_id,
                    action=query.action,
                    before_id=before_id,
                )
            except (ApiError, ValidationError) as exc:
                log.info("audit log not loaded: %r", exc)
                done(None, failure_text(exc))
            else:
                done(page, None)

        self._spawn(run())
