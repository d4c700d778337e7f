"""The VIP portfolio page: painted from the cache at once, attention order, live countdowns that
turn overdue without asking the server, filters, header sorting, the supervisor's manager picker,
empty and error states, opening a client, and the outreach hook."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from vip_fakes import MEI, NOW, SARA, TOM_ID, FakeVip, summary

from console.ui.change_bridge import ChangeBatch
from console.ui.shell.role_pages import pages_for
from console.ui.vip.portfolio_model import RED, PortfolioColumn
from console.ui.vip.portfolio_page import PortfolioPage
from console.ui.vip.vip_desk import VipDesk

C = PortfolioColumn


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _rows():
    """Given in an order that is not the attention order (which is the letters' order)."""
    alone = {"backup_manager_id": None}
    return [
        summary("U6", display_name="Fei", tier=2, **alone),
        summary("U3", display_name="Chen", tier=8, risks=["security_event"], **alone),
        summary(
            "U2", display_name="Bo", tier=9, waiting_items=1, due_at=NOW + timedelta(minutes=5)
        ),
        summary("U5", display_name="Emma", tier=9, language="ja", **alone),
        summary(
            "U4", display_name="Dara", tier=9, next_follow_up_at=NOW - timedelta(hours=1), **alone
        ),
        summary(
            "U1",
            display_name="Ann",
            tier=3,
            waiting_items=2,
            open_items=3,
            due_at=NOW - timedelta(minutes=2),
            language="zh",
            manager_id=TOM_ID,
            manager_name="Tom Chen",
            backup_manager_id=MEI.id,
        ),
    ]


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def vip() -> FakeVip:
    return FakeVip(_rows())


def _page(qtbot, vip: FakeVip, clock: Clock, me=MEI) -> PortfolioPage:
    page = PortfolioPage(vip, me, clock)
    qtbot.addWidget(page)
    page.resize(1360, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _column(page: PortfolioPage, column: int) -> list[str]:
    model = page.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_vip_managers_and_supervisors_have_the_page() -> None:
    for role in ("vip_manager", "supervisor"):
        assert "vip" in [p.key for p in pages_for(role)]
    for role in ("agent", "trainer", "compliance"):
        assert "vip" not in [p.key for p in pages_for(role)]


def test_cached_rows_paint_at_once_in_attention_order(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock)
    assert vip.named("load_portfolio") == [()]  # asked the server when shown
    assert _column(page, C.CLIENT) == ["Ann", "Bo", "Chen", "Dara", "Emma", "Fei"]
    assert page.body.currentIndex() == 0
    assert page.status.text().startswith("6 of 6 clients · 2 waiting · saved copy")
    assert not page.table.isColumnHidden(C.CLIENT) and page.table.isColumnHidden(C.MANAGER)
    row = [page.model.index(0, c).data() for c in range(len(C))]
    assert row[:5] == ["Ann", "U1", "VIP 3", "2", "−02:00"]
    assert row[C.LAST_CONTACT] == "3 days ago"
    assert page.model.index(3, C.FOLLOW_UP).data().startswith("Overdue · ")
    assert page.model.index(2, C.RISKS).data() == "⚷ Security"
    tip = page.model.index(2, C.RISKS).data(Qt.ItemDataRole.ToolTipRole)
    assert "security event" in tip
    backup_tip = page.model.index(0, C.CLIENT).data(Qt.ItemDataRole.ToolTipRole)
    assert "You are the backup manager" in backup_tip

    # The server's answer replaces the cached copy, and the status says it is current.
    vip.answer([summary("U9", display_name="Zed", waiting_items=1, due_at=NOW)], None)
    assert _column(page, C.CLIENT) == ["Zed"]
    assert "updated" in page.status.text()


def test_countdown_moves_each_second_and_turns_overdue_without_asking(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock)
    calls = len(vip.calls)
    bo = page.model.index(1, C.TARGET)
    assert bo.data() == "05:00" and bo.data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.ticker.isActive() and page.ticker.interval() == 1000

    clock.now = NOW + timedelta(minutes=4, seconds=1)
    with qtbot.waitSignal(page.model.dataChanged):
        page.model.tick()
    assert bo.data() == "00:59"
    assert bo.data(Qt.ItemDataRole.ForegroundRole) is not None  # amber: the last quarter

    clock.now = NOW + timedelta(minutes=5, seconds=1)
    page.model.tick()
    assert bo.data() == "−00:01"
    assert bo.data(Qt.ItemDataRole.ForegroundRole) == RED
    assert "Overdue by 00:01" in bo.data(Qt.ItemDataRole.ToolTipRole)
    assert len(vip.calls) == calls  # the clock moved; nothing was fetched
    assert _column(page, C.CLIENT)[1] == "Bo"  # rows do not jump under the cursor


def test_filters_narrow_and_the_empty_state_offers_to_clear_them(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock)
    bar = page.filters
    qtbot.keyClicks(bar.search, "u4")
    assert _column(page, C.CLIENT) == ["Dara"]
    bar.search.clear()
    qtbot.keyClicks(bar.search, "da")
    assert _column(page, C.CLIENT) == ["Dara"]
    bar.search.clear()

    bar.tier_min.setValue(8)
    assert _column(page, C.CLIENT) == ["Bo", "Chen", "Dara", "Emma"]
    bar.tier_max.setValue(8)
    assert _column(page, C.CLIENT) == ["Chen"]
    bar.tier_min.setValue(1)
    bar.tier_max.setValue(9)

    qtbot.mouseClick(bar.waiting_only, Qt.MouseButton.LeftButton, pos=QPoint(6, 8))
    assert _column(page, C.CLIENT) == ["Ann", "Bo"]
    qtbot.mouseClick(bar.with_risk, Qt.MouseButton.LeftButton, pos=QPoint(6, 8))
    assert _column(page, C.CLIENT) == []
    assert page.body.currentIndex() == 1
    assert page.empty_text.text() == "No client matches these filters."
    qtbot.mouseClick(page.empty_action, Qt.MouseButton.LeftButton)
    assert len(_column(page, C.CLIENT)) == 6

    languages = [bar.language_box.itemData(i) for i in range(bar.language_box.count())]
    assert languages == ["", "en", "ja", "zh"]
    bar.language_box.setCurrentIndex(languages.index("ja"))
    assert _column(page, C.CLIENT) == ["Emma"]
    assert not bar.manager_box.isVisibleTo(page)  # only supervisors pick a manager


def test_header_click_sorts_and_attention_order_comes_back(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock)
    header = page.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(C.CLIENT)
    assert _column(page, C.CLIENT) == ["Ann", "Bo", "Chen", "Dara", "Emma", "Fei"]
    click(C.CLIENT)
    assert _column(page, C.CLIENT) == ["Fei", "Emma", "Dara", "Chen", "Bo", "Ann"]
    click(C.TIER)
    assert _column(page, C.TIER)[0] == "VIP 2" and _column(page, C.TIER)[-1] == "VIP 9"
    click(C.TARGET)
    assert _column(page, C.CLIENT)[:2] == ["Ann", "Bo"]  # soonest first, none last
    assert header.isSortIndicatorShown()

    qtbot.mouseClick(page.attention_button, Qt.MouseButton.LeftButton)
    assert _column(page, C.CLIENT) == ["Ann", "Bo", "Chen", "Dara", "Emma", "Fei"]
    assert not header.isSortIndicatorShown()


def test_a_supervisor_picks_a_manager(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock, me=SARA)
    assert not page.table.isColumnHidden(C.MANAGER)
    assert page.title.text() == "VIP desk"
    box = page.filters.manager_box
    assert box.isVisibleTo(page)
    assert [box.itemText(i) for i in range(box.count())] == ["All managers", "Mei Lin", "Tom Chen"]
    box.setCurrentIndex(2)
    assert _column(page, C.CLIENT) == ["Ann", "Bo"]  # Tom's client, and the one he backs up
    assert _column(page, C.MANAGER) == ["Tom Chen", "Mei Lin"]
    box.setCurrentIndex(1)
    assert len(_column(page, C.CLIENT)) == 6  # Mei manages five and backs Ann up
    # A refresh keeps the pick.
    page.on_changes(_batch("vip"))
    assert box.currentText() == "Mei Lin"


def _batch(topic: str, *ids: str) -> ChangeBatch:
    batch = ChangeBatch()
    batch.add(topic, ids)
    return batch


def test_changes_in_the_store_repaint_keeping_the_selection(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock)
    page.table.selectRow(2)
    assert page.selected_uids() == ["U3"]
    vip.portfolio = [
        *_rows(),
        summary("U0", display_name="Abe", tier=9, waiting_items=1, due_at=NOW),
    ]
    page.on_changes(_batch("chats", 1))
    assert len(_column(page, C.CLIENT)) == 6  # not a VIP change: nothing re-read
    page.on_changes(_batch("vip", "U0"))
    assert _column(page, C.CLIENT)[:2] == ["Ann", "Abe"]
    assert page.selected_uids() == ["U3"]


def test_empty_and_error_states_are_worded_for_people(qtbot, clock) -> None:
    vip = FakeVip([])
    page = _page(qtbot, vip, clock)
    vip.answer(None, "You are offline: nothing was saved. Try again when the connection is back.")
    assert page.body.currentIndex() == 1
    assert page.empty_text.text().startswith("The portfolio could not be loaded.")
    assert page.empty_action.text() == "Try again"
    qtbot.mouseClick(page.empty_action, Qt.MouseButton.LeftButton)
    assert len(vip.named("load_portfolio")) == 2
    vip.answer([], None)
    assert page.empty_text.text().startswith("No VIP clients in your portfolio yet.")


def test_with_a_cache_a_failed_refresh_keeps_the_rows(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock)
    vip.answer(None, "The server had a problem. Please try again in a moment.")
    assert page.model.rowCount() == 6 and page.body.currentIndex() == 0
    assert "Not updated: The server had a problem" in page.status.text()
    assert page.refresh_button.isEnabled()


def test_double_click_and_enter_open_the_client_page(qtbot, vip, clock) -> None:
    desk = VipDesk(vip, MEI, clock=clock)
    qtbot.addWidget(desk)
    desk.resize(1360, 800)
    desk.show()
    qtbot.waitExposed(desk)
    table = desk.portfolio.table
    rect = table.visualRect(desk.portfolio.model.index(1, C.CLIENT))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert desk.currentWidget() is desk.portfolio  # a single click only selects
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert desk.currentWidget() is desk.client_page
    assert vip.named("load_client") == [("U2",)]
    qtbot.mouseClick(desk.client_page.back_button, Qt.MouseButton.LeftButton)
    assert desk.currentWidget() is desk.portfolio

    table.setFocus()
    table.setCurrentIndex(desk.portfolio.model.index(2, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert desk.currentWidget() is desk.client_page
    assert vip.named("load_client")[-1] == ("U3",)


def test_send_message_to_selected_hands_over_the_uids(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock)
    assert not page.outreach_button.isEnabled()
    selection = page.table.selectionModel()
    for row in (0, 2):
        index = page.model.index(row, 0)
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    assert page.outreach_button.isEnabled()
    with qtbot.waitSignal(page.outreach_requested) as sent:
        qtbot.mouseClick(page.outreach_button, Qt.MouseButton.LeftButton)
    assert sent.args == [["U1", "U3"]]


def test_sent_messages_button_asks_for_the_outreach_history(qtbot, vip, clock) -> None:
    page = _page(qtbot, vip, clock)
    assert page.history_button.isEnabled()  # no selection needed: it lists what was sent
    with qtbot.waitSignal(page.outreach_history_requested):
        qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)


def test_the_page_speaks_chinese(qtbot, vip, clock) -> None:
    from console.ui.i18n import set_language

    page = _page(qtbot, vip, clock)
    set_language("zh_CN")
    page.retranslate()
    header = page.model.headerData(C.TARGET, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "距目标时间"
    assert page.title.text() == "我的 VIP 客户"
    assert page.model.index(2, C.RISKS).data() == "⚷ 安全"
    assert page.model.index(3, C.FOLLOW_UP).data().startswith("已逾期 · ")
    assert page.status.text().startswith("显示 6 / 6 位客户")
