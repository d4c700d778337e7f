"""The session's side of the identity views (ports.IdentityIntents) over the API client.

Verification and account actions are online only: each runs at once on the asyncio loop and
reports to its callback on the GUI thread; without a connection the callback gets a sentence
saying nothing was done, and the view keeps what the agent entered. Nothing here goes through
the offline outbox: a freeze sent "later" would be a freeze the agent believes done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QObject

from console.api.errors import ApiError
from console.api.schemas_identity import AccountActionCreate, VerificationCreate
from console.core.identity import ActionKind, Check
from console.ui.i18n import tr
from console.ui.identity.identity_text import failure_text
from console.ui.identity.ports import IdentitySnapshot, IdentityTarget

if TYPE_CHECKING:
    from console.api.client import SupportClient
    from console.api.schemas_identity import AccountActionOut, VerificationOut

__all__ = ["IdentityActions"]

log = logging.getLogger(__name__)

T = TypeVar("T")
Spawn = Callable[[Coroutine[Any, Any, None]], None]


class IdentityActions(QObject):
    def __init__(
        self,
        client: Callable[[], SupportClient | None],
        spawn: Spawn,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._spawn = spawn

    def _run(
        self,
        work: Callable[[SupportClient], Coroutine[Any, Any, T]],
        done: Callable[[T | None, str | None], None],
    ) -> None:
        client = self._client()
        if client is None:
            done(None, tr("Not done: the console is not connected yet. Please try again."))
            return

        async def run() -> None:
            try:
                result = await work(client)
            except ApiError as exc:
                log.info("identity call refused or failed: %r", exc)
                done(None, failure_text(exc))
            else:
                done(result, None)

        self._spawn(run())

    def load(
        self,
        target: IdentityTarget,
        done: Callable[[IdentitySnapshot | None, str | None], None],
    ) -> None:
        async def work(client: SupportClient) -> IdentitySnapshot:
            if target.kind == "ticket":
                verification = await client.ticket_verification(target.id)
            else:
                verification = await client.chat_verification(target.id)
            actions = await client.customer_actions(verification.customer_uid)
            return IdentitySnapshot(verification, tuple(actions))

        self._run(work, done)

    def record(
        self,
        target: IdentityTarget,
        checks: Sequence[str],
        note: str,
        key: str,
        done: Callable[[VerificationOut | None, str | None], None],
    ) -> None:
        try:
            body = VerificationCreate(checks=[Check(c) for c in checks], note=note.strip())
        except ValidationError:
            done(None, tr("The note is too long or has hidden characters. Please shorten it."))
            return

        async def work(client: SupportClient) -> VerificationOut:
            if target.kind == "ticket":
                return await client.record_ticket_verification(target.id, body, idempotency_key=key)
            return await client.record_chat_verification(target.id, body, idempotency_key=key)

        self._run(work, done)

    def act(
        self,
        target: IdentityTarget,
        kind: str,
        reason: str,
        params: Mapping[str, str],
        key: str,
        done: Callable[[AccountActionOut | None, str | None], None],
    ) -> None:
        where = {"ticket_id" if target.kind == "ticket" else "conversation_id": target.id}
        try:
            body = AccountActionCreate(
                kind=ActionKind(kind), reason=reason.strip(), params=dict(params), **where
            )
        except ValidationError as exc:
            problems = "; ".join(str(e.get("msg", "")) for e in exc.errors())
            done(None, tr("Not sent: {reason}", reason=problems))
            return

        async def work(client: SupportClient) -> AccountActionOut:
            return await client.account_action(target.customer_uid, body, idempotency_key=key)

        self._run(work, done)
