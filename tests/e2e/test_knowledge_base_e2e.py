"""The knowledge base end to end: real consoles (signed in through the dialog, own profiles)
against the real reference server. A flag and a proposed edit reach the supervisor (a toast and
the review page); her approval reaches a colleague's search without a restart; and an article
inserted into a Chinese customer's ticket goes in in Chinese."""

from __future__ import annotations

import pytest
from e2e_inbox import (
    api_client,
    click,
    open_ticket,
    run_scenario,
    sign_in,
    start_console,
    tickets_with_status,
    type_mixed,
)
from e2e_support import LiveServer, wait_until

from console.api.client import SupportClient

pytestmark = pytest.mark.usefixtures("english_ui")

FLAG = "The security review now takes up to 12 hours, not 24."
NEW_SUMMARY = "Quokka check: most withdrawals now finish within 10 minutes."


async def knowledge_page(qtbot, window):
    click(qtbot, window.rail.buttons["knowledge"])
    await wait_until(lambda: window.current_page() == "knowledge", what="knowledge page shown")
    page = window.kb_pages.knowledge
    await wait_until(lambda: page.results.rows(), what="articles listed")
    return page


async def find(qtbot, page, kb, text: str, slug: str):
    """Type the query as an agent does, then open the result that is article `slug`."""
    wanted = kb.article_by_slug(slug).id
    page.search.clear()
    page.search.setFocus()
    type_mixed(qtbot, page.search, text)
    await wait_until(
        lambda: any(row.article_id == wanted for row in page.results.rows()),
        what=f"{text!r} finds {slug}",
    )
    index = next(i for i, row in enumerate(page.results.rows()) if row.article_id == wanted)
    page.results.choose(index)
    await wait_until(
        lambda: getattr(page.viewer.article(), "id", None) == wanted, what="article shown"
    )
    return page.viewer.article()


def test_flag_and_edit_reach_the_supervisor_and_the_approved_text_a_colleagues_search(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    names = ("alice", "sara", "bob")
    consoles = {name: start_console(tmp_path / name, live_server.url) for name in names}
    clients: list[SupportClient] = []

    async def scenario() -> None:
        alice = await sign_in(qtbot, consoles["alice"], "alice")
        sara = await sign_in(qtbot, consoles["sara"], "sara")
        bob = await sign_in(qtbot, consoles["bob"], "bob")
        for session in (alice, sara, bob):
            await wait_until(lambda s=session: s.store.kb.count() >= 245, 30, "articles synced")

        # Alice finds the article the way a customer asked, flags it and proposes an edit.
        page = await knowledge_page(qtbot, alice.window)
        target = await find(qtbot, page, alice.store.kb, "提现 很慢", "withdrawal-delayed")
        click(qtbot, page.viewer.flag_button)
        type_mixed(qtbot, page.flag_dialog.editor, FLAG)
        click(qtbot, page.flag_dialog.ok_button)
        click(qtbot, page.viewer.propose_button)
        dialog = page.propose_dialog
        dialog.tabs.setCurrentWidget(dialog.editors["en"])
        summary = dialog.editors["en"].summary
        summary.selectAll()
        type_mixed(qtbot, summary, NEW_SUMMARY)
        type_mixed(qtbot, dialog.note, "Processing times changed this month")
        dialog.buttons.accepted.emit()
        await wait_until(lambda: not alice.store.pending_outbox(), what="Alice's outbox sent")

        # Sara, the supervisor, gets a toast for the flag and finds both on her review page.
        toasts = sara.window.notifier.toasts
        await wait_until(
            lambda: any(
                t.heading.text() == "Article flagged as outdated" for t in toasts.visible_toasts()
            ),
            what="Sara's flag toast",
        )
        click(qtbot, sara.window.rail.buttons["review"])
        review = sara.window.kb_pages.review
        await wait_until(
            lambda: (
                any(f.article_id == target.id and f.comment == FLAG for f in review.flags)
                and any(r.article_id == target.id for r in review.revisions)
            ),
            what="flag and edit on the review page",
        )
        row = next(i for i, r in enumerate(review.revisions) if r.article_id == target.id)
        review.revision_list.setCurrentRow(row)
        assert "Quokka check" in review.detail.diff_view.toPlainText()
        click(qtbot, review.detail.approve_button)

        # Bob never restarted: his search finds the published words.
        await wait_until(
            lambda: (bob.store.kb.article(target.id) or target).version == target.version + 1,
            what="the new version reaches Bob",
        )
        bob_page = await knowledge_page(qtbot, bob.window)
        found = await find(qtbot, bob_page, bob.store.kb, "quokka", "withdrawal-delayed")
        assert found.locales["en"].summary == NEW_SUMMARY
        checker = await api_client(live_server.url, "sara")
        clients.append(checker)
        history = await checker.kb_history(target.id)
        assert [r.state for r in history][:2] == ["published", "published"]
        assert history[0].author_name != history[0].reviewer_name

    run_scenario(qasync_loop, scenario, list(consoles.values()), clients)


def test_an_article_goes_into_a_chinese_customers_reply_in_chinese(
    qasync_loop, qtbot, live_server: LiveServer, tmp_path
):
    console = start_console(tmp_path / "alice", live_server.url)
    clients: list[SupportClient] = []

    async def scenario() -> None:
        checker = await api_client(live_server.url, "sara")
        clients.append(checker)
        ticket = next(
            t for t in await tickets_with_status(checker, "open", "new") if t.language == "zh"
        )
        alice = await sign_in(qtbot, console, "alice")
        window = alice.window
        await wait_until(lambda: alice.store.kb.count() >= 245, 30, "articles synced")
        await open_ticket(qtbot, window, ticket.id)

        # The agent browses in English; the customer writes Chinese.
        page = await knowledge_page(qtbot, window)
        article = await find(
            qtbot, page, alice.store.kb, "withdrawal delayed", "withdrawal-delayed"
        )
        assert page.viewer.language() == "en"
        assert page.viewer.insert_snippet_button.text() == "Insert into reply (中文)"
        click(qtbot, page.viewer.insert_snippet_button)
        await wait_until(lambda: window.current_page() == "inbox", what="back to the ticket")
        reply = window.ticket_view.reply_box.text()
        assert article.locales["zh"].summary.strip()[:20] in reply
        assert article.locales["en"].summary.strip()[:20] not in reply

    run_scenario(qasync_loop, scenario, [console], clients)
