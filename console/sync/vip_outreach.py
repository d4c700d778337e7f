"""Outreach on the VIP desk: one message to chosen clients, each in their language, tracked per
client. Qt-free; the console's dialog and tracking view drive it.

Sending is online only and never queued: a message to dozens of VIP clients that leaves hours
later, or twice, is worse than one that visibly did not leave. A compose keeps one client_id
while its content is unchanged, so a retry after a lost answer (or a second click) sends once:
the server answers the same client_id with the outreach it already made. Changed content gets a
new client_id (the server refuses an old one with other content).

`plan` tells, before sending, which text each client will get: the server's rule (their
language, its base language, then the fallback; nothing at all is FAILED).

`observe` takes the live stream's events (on the feed's worker thread, before the store applies
them) and hands every `vip.outreach.updated` (OutreachOut, for its author alone) to the
subscribers; outreach is not stored locally, the server has it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from pydantic import ValidationError

from console.api.schemas_vip import OutreachCreate, OutreachOut
from console.core.domain import EventType
from console.core.vip import OutreachStatus

if TYPE_CHECKING:
    from console.api.client import SupportClient
    from console.api.schemas import EventOut

__all__ = [
    "OutreachCompose",
    "OutreachSync",
    "PlannedRecipient",
    "base_language",
    "merge_outreach",
    "plan",
]

log = logging.getLogger(__name__)

Listener = Callable[[OutreachOut], None]


class Client(Protocol):
    """Who an outreach is for (a portfolio row, VipClientSummary, has these)."""

    @property
    def uid(self) -> str: ...

    @property
    def display_name(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def tier(self) -> int: ...


@dataclass(frozen=True, slots=True)
class PlannedRecipient:
    uid: str
    name: str
    tier: int
    language: str  # the client's own language
    text_language: str | None  # the text they will get; None: none (the server marks FAILED)

    @property
    def falls_back(self) -> bool:
        return self.text_language is not None and self.text_language != base_language(self.language)


def base_language(code: str) -> str:
    """'zh-TW' → 'zh': texts are written per base language, as the server matches them."""
    return code.split("-")[0].strip().lower() or code


def _text_language(language: str, bodies: Mapping[str, str], fallback: str) -> str | None:
    for lang in (language, base_language(language), fallback):
        if lang in bodies:
            return lang
    return None


def plan(
    clients: Sequence[Client], bodies: Mapping[str, str], fallback: str
) -> list[PlannedRecipient]:
    """Who gets which text, in the order given. Empty texts count as missing."""
    written = {lang: text for lang, text in bodies.items() if text.strip()}
    return [
        PlannedRecipient(
            c.uid, c.display_name, c.tier, c.language, _text_language(c.language, written, fallback)
        )
        for c in clients
    ]


class OutreachCompose:
    """One compose in the dialog; `request` builds what to send, keeping the client_id while the
    content is the same."""

    def __init__(self) -> None:
        self.client_id = uuid.uuid4().hex
        self._content: tuple[object, ...] | None = None

    def request(
        self,
        subject: str,
        bodies: Mapping[str, str],
        fallback: str,
        client_uids: Sequence[str],
    ) -> OutreachCreate:
        """Raises pydantic's ValidationError for content the server would refuse."""
        texts = {lang: text for lang, text in bodies.items() if text.strip()}
        uids = list(dict.fromkeys(client_uids))
        content = (subject, tuple(sorted(texts.items())), fallback, tuple(uids))
        if self._content is not None and content != self._content:
            self.client_id = uuid.uuid4().hex  # other content: another outreach
        self._content = content
        return OutreachCreate(
            client_id=self.client_id,
            subject=subject,
            bodies=texts,
            fallback_language=fallback,
            client_uids=uids,
        )


def merge_outreach(known: OutreachOut | None, fresh: OutreachOut) -> OutreachOut:
    """`fresh`, unless it is older news for a recipient: a reply is never undone, so a fetch
    that started before the reply and answered after its event keeps the REPLIED state."""
    if known is None or known.id != fresh.id:
        return fresh
    replied = {r.client_uid: r for r in known.recipients if r.status is OutreachStatus.REPLIED}
    if not replied:
        return fresh
    recipients = [
        replied.get(r.client_uid, r) if r.status is not OutreachStatus.REPLIED else r
        for r in fresh.recipients
    ]
    return fresh.model_copy(update={"recipients": recipients})


class OutreachSync:
    """Send, list and follow outreach. `client()` is the signed-in SupportClient (None while
    not connected: ConnectionError)."""

    def __init__(self, client: Callable[[], SupportClient | None]) -> None:
        self._client = client
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._known: dict[int, OutreachOut] = {}

    def _api(self) -> SupportClient:
        client = self._client()
        if client is None:
            raise ConnectionError("not connected to the server yet")
        return client

    # --- online work (raises ApiError; ServerUnreachable without an answer) -------------------

    async def send(self, request: OutreachCreate) -> OutreachOut:
        """Send once: the same request again answers with the outreach already made."""
        return self._remember(await self._api().send_outreach(request))

    async def history(self) -> list[OutreachOut]:
        """My outreach, newest first (a supervisor's: everyone's)."""
        return [self._remember(o) for o in await self._api().outreach_list()]

    async def load(self, outreach_id: int) -> OutreachOut:
        return self._remember(await self._api().outreach(outreach_id))

    def latest(self, outreach_id: int) -> OutreachOut | None:
        with self._lock:
            return self._known.get(outreach_id)

    def _remember(self, fresh: OutreachOut) -> OutreachOut:
        with self._lock:
            merged = merge_outreach(self._known.get(fresh.id), fresh)
            self._known[fresh.id] = merged
        return merged

    # --- live updates ---------------------------------------------------------------------------

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def observe(self, events: Sequence[EventOut]) -> None:
        """Before the store applies `events` (any thread). Never raises."""
        for event in events:
            if event.type is not EventType.VIP_OUTREACH_UPDATED:
                continue
            try:
                outreach = self._remember(OutreachOut.model_validate(event.payload))
            except ValidationError:
                log.warning("skipping malformed vip.outreach.updated event %s", event.id)
                continue
            self.publish(outreach)

    def publish(self, outreach: OutreachOut) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for callback in listeners:
            try:
                callback(outreach)
            except Exception:
                log.exception("outreach listener failed")
