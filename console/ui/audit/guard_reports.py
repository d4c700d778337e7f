"""Telling the server about each message the composers' outgoing guard kept back, so that
supervisors see the attempt in the audit log (the server records its own refusals itself).

A report holds what was blocked (a reply or a chat message), where, and the kinds of request
found: never the text. It is kept in the local store until the server has it: sent at once
when online, otherwise retried every RETRY_MS and at the next session on this profile (an
offline agent's attempt is reported late, not lost). Each report keeps its Idempotency-Key,
so a retry after a lost answer is recorded once. A report the server can never accept (the
ticket deleted meanwhile) is dropped with a warning in the log.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, QTimer

from console.api.errors import ApiError
from console.api.schemas_audit import BlockedKind, GuardBlockReport
from console.core.guard import check_outgoing

if TYPE_CHECKING:
    from console.api.client import SupportClient
    from console.store import Store

__all__ = ["MAX_UNSENT", "RETRY_MS", "UNSENT_KEY", "GuardBlockReporter"]

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, None]], None]
UNSENT_KEY = "audit.unsent_guard_blocks"
RETRY_MS = 30_000
# Far more than anyone blocks between two connections; beyond it the oldest go (logged).
MAX_UNSENT = 500


class GuardBlockReporter(QObject):
    def __init__(
        self,
        store: Store,
        client: Callable[[], SupportClient | None],
        spawn: Spawn,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._client = client
        self._spawn = spawn
        self._sending = False
        self._closed = False
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.flush)
        if self.unsent():
            self._retry.start()

    def unsent(self) -> list[tuple[str, GuardBlockReport]]:
        """(Idempotency-Key, report) not yet confirmed by the server, oldest first."""
        raw = self._store.get_meta(UNSENT_KEY)
        items: list[tuple[str, GuardBlockReport]] = []
        for item in json.loads(raw) if raw else []:
            try:
                items.append((str(item["key"]), GuardBlockReport.model_validate(item["report"])))
            except (KeyError, TypeError, ValidationError):
                log.warning("an unreadable guard-block report was dropped: %r", item)
        return items

    def report(self, kind: BlockedKind, target_id: int, text: str) -> None:
        """The composer blocked `text` (a reply on ticket `target_id`, or a chat message in
        conversation `target_id`); only the kinds of request found leave this machine."""
        categories = list(dict.fromkeys(f.kind for f in check_outgoing(text)))
        if not categories:
            return
        where = "ticket_id" if kind == "reply" else "conversation_id"
        report = GuardBlockReport.model_validate(
            {"kind": kind, where: target_id, "categories": categories}
        )
        items = [*self.unsent(), (uuid.uuid4().hex, report)]
        if len(items) > MAX_UNSENT:
            log.warning("%d unsent guard-block reports dropped (too many)", len(items) - MAX_UNSENT)
            items = items[-MAX_UNSENT:]
        self._save(items)
        self.flush()

    def flush(self) -> None:
        """Send what is unsent, now (one sender at a time); a failure retries later."""
        client = self._client()
        if self._closed or self._sending or not self.unsent():
            return
        if client is None:
            self._retry.start()
            return
        self._sending = True
        self._spawn(self._send(client))

    def close(self) -> None:
        self._closed = True
        self._retry.stop()

    async def _send(self, client: SupportClient) -> None:
        later = False
        try:
            for key, report in self.unsent():
                try:
                    await client.report_guard_block(report, idempotency_key=key)
                except ApiError as exc:
                    if exc.retryable or exc.status == 401:
                        log.info("guard-block report not sent yet: %r", exc)
                        later = True
                        break
                    log.warning("guard-block report %s refused, dropped: %r", report, exc)
                self._forget(key)
        finally:
            self._sending = False
        if self._closed:
            return
        if later:
            self._retry.start()
        elif self.unsent():  # blocked again while these were on their way
            self.flush()

    def _forget(self, key: str) -> None:
        self._save([(k, r) for k, r in self.unsent() if k != key])

    def _save(self, items: list[tuple[str, GuardBlockReport]]) -> None:
        data = [{"key": k, "report": r.model_dump(mode="json")} for k, r in items]
        self._store.set_meta(UNSENT_KEY, json.dumps(data))
