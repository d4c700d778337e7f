"""Knowledge-base notifications against the real server: a supervisor hears of flags and proposed
edits, an article's owner of flags on their article, nobody of their own actions."""

from __future__ import annotations

import uuid
from pathlib import Path

from engine_harness import engine_running
from sync_fixtures import LoopbackServer, run, signed_in, wait_until

from console.api.schemas_kb import KbFlagCreate, KbRevisionCreate
from console.store import Store
from console.sync import Notification, NotificationKind


def test_supervisor_and_owner_are_notified_of_flags_and_proposals(
    server: LoopbackServer, store: Store, tmp_path: Path
) -> None:
    async def scenario() -> None:
        sara = await signed_in(server.url, "sara")
        kevin = await signed_in(server.url, "kevin")
        alice = await signed_in(server.url, "alice")
        sara_me, kevin_me = await sara.me(), await kevin.me()
        kevin_store = Store.open(tmp_path / "kevin.sqlite3")
        to_sara: list[Notification] = []
        to_kevin: list[Notification] = []
        try:
            async with (
                engine_running(server.url, store, signed_in_as=(sara, sara_me)) as supervisor,
                engine_running(server.url, kevin_store, signed_in_as=(kevin, kevin_me)) as owner,
            ):
                supervisor.engine.notifications.subscribe(to_sara.append)
                owner.engine.notifications.subscribe(to_kevin.append)
                await supervisor.online()
                await owner.online()
                await wait_until(lambda: kevin_store.kb.count() > 0, what="kevin's articles")
                mine = [a for a in kevin_store.kb.articles() if a.owner_id == kevin_me.id]
                others = [a for a in kevin_store.kb.articles() if a.owner_id != kevin_me.id]
                assert mine and others
                article, not_kevins = mine[0], others[0]
                comment = f"fee table outdated {uuid.uuid4().hex[:6]}"
                await alice.kb_flag(
                    article.id, KbFlagCreate(comment=comment), idempotency_key=uuid.uuid4().hex
                )
                await alice.kb_flag(
                    not_kevins.id,
                    KbFlagCreate(comment="someone else's article"),
                    idempotency_key=uuid.uuid4().hex,
                )
                edit = KbRevisionCreate(
                    base_version=article.version,
                    locales=dict(article.locales),
                    tags=[*article.tags, "updated"],
                    category=article.category,
                    note="new fee schedule",
                )
                await alice.kb_propose(article.id, edit, idempotency_key=uuid.uuid4().hex)
                # Sara flags one herself: she is not told of her own flag.
                await sara.kb_flag(
                    article.id, KbFlagCreate(comment="mine"), idempotency_key=uuid.uuid4().hex
                )

                # A last flag marks the end: everything before it has been seen when it is.
                await alice.kb_flag(
                    not_kevins.id, KbFlagCreate(comment="marker"), idempotency_key=uuid.uuid4().hex
                )

                def kinds(notes: list[Notification]) -> list[tuple[str, int | None, str]]:
                    return [(n.kind, n.article_id, n.body) for n in notes]

                await wait_until(
                    lambda: any(n.body == "marker" for n in to_sara) and len(to_kevin) >= 2,
                    what="notifications",
                )
                assert kinds(to_sara) == [
                    (NotificationKind.KB_FLAGGED, article.id, comment),
                    (NotificationKind.KB_FLAGGED, not_kevins.id, "someone else's article"),
                    (NotificationKind.KB_REVISION_PROPOSED, article.id, "new fee schedule"),
                    (NotificationKind.KB_FLAGGED, not_kevins.id, "marker"),
                ]
                # The owner: both flags on his article (Sara's too), not the other one, not
                # the proposal (supervisors review those).
                assert kinds(to_kevin) == [
                    (NotificationKind.KB_FLAGGED, article.id, comment),
                    (NotificationKind.KB_FLAGGED, article.id, "mine"),
                ]
                assert all(n.ticket_id == 0 and n.title for n in to_sara + to_kevin)
        finally:
            kevin_store.close()
            await alice.aclose()

    run(scenario())
