"""Text search: CJK bigram tokens, query words of every shape, recall against a substring
oracle, capped counts and counting several views in one pass."""

from __future__ import annotations

import random

import pytest
from store_factories import ticket

from console.store import Store, TicketQuery
from console.store.search import index_text, match_expression


def test_cjk_runs_become_bigrams_and_their_last_character() -> None:
    assert index_text("我的提币没到账").split() == [
        "我的",
        "的提",
        "提币",
        "币没",
        "没到",
        "到账",
        "账",
    ]
    assert index_text("USDT充值 (TRC20)").split() == ["usdt", "充值", "值", "(trc20)"]
    assert index_text("币").split() == ["币"]
    assert index_text("출금이 대기").split() == ["출금", "금이", "이", "대기", "기"]
    assert index_text("Plain English") == "plain english"


@pytest.mark.parametrize(
    ("words", "expression"),
    [
        (["提币"], '"提币"'),  # two characters: one token
        (["充值未到账"], '"充值 值未 未到 到账"'),  # longer: a phrase of bigrams
        (["币"], '"币"*'),  # one character: bigrams starting with it, or it ending a run
        (["二段階認証"], '"二段 段階 階認 認証"'),
        (["ログイン"], '"ログ グイ イン"'),
        (["출금"], '"출금"'),
        (["usdt充值"], '"usdt 充值"'),  # Latin then CJK: the run may go on in the text
        (["提币abc"], '"提币 币 abc"*'),  # CJK then Latin: the run ends where the word goes on
        (["币2"], '"币 2"*'),
        (["提币，"], '"提币"'),  # trailing punctuation is not part of the word
        (["Withdr"], '"withdr"*'),
        (['a"b'], '"a""b"*'),
        (["提币", "usdt"], '"提币" AND "usdt"*'),
        (["，", "!!"], None),
    ],
)
def test_query_words(words: list[str], expression: str | None) -> None:
    assert match_expression(words) == expression


@pytest.fixture
def filled(store: Store) -> Store:
    store.upsert_tickets(
        [
            ticket(1, subject="提币一直显示处理中", last_message_preview="我的提币没到账"),
            ticket(2, subject="USDT充值未到账 (TRC20)"),
            ticket(3, subject="币价", customer_name="Liam Walker"),
            ticket(4, subject="二段階認証をリセットしたい", language="ja"),
            ticket(5, subject="코인출금이 대기 중입니다", language="ko"),
            ticket(6, subject="提币abc", search_terms=["liam@example.com"]),
            ticket(7, subject="Withdrawal pending", last_message_preview="提 币 apart"),
        ]
    )
    return store


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("提币", [6, 1]),
        ("到账", [2, 1]),
        ("充值未到账", [2]),
        ("一直显示", [1]),
        ("币", [7, 6, 3, 1]),  # every occurrence, also alone and at a run's end
        ("账", [2, 1]),
        ("认证", []),  # simplified characters do not match the Japanese 認証
        ("認証", [4]),
        ("リセット", [4]),
        ("したい", [4]),
        ("출금", [5]),  # inside a Hangul compound
        ("출금이", [5]),
        ("대기", [5]),
        ("usdt充值", [2]),
        ("USDT 到账", [2]),
        ("trc20", [2]),
        ("提币abc", [6]),
        ("提币ab", [6]),
        ("liam", [6, 3]),
        ("liam@example.com", [6]),
        ("withdr", [7]),
        ("提币 withdrawal", []),
        ("#3", [3]),
        ("#3 币", [3]),
    ],
)
def test_search(filled: Store, text: str, expected: list[int]) -> None:
    q = TicketQuery("all", text=text)
    assert [t.id for t in filled.query_tickets(q, 0, 50)] == expected
    assert filled.count_tickets(q) == len(expected)
    assert filled.count_tickets_capped(q) == (len(expected), False)


_ALPHABET = "提币充值未到账冻结户出金入確認証ログイン출금입계정"


def test_cjk_substrings_are_found_exactly(store: Store) -> None:
    """Every CJK substring query finds exactly the tickets whose text contains it."""
    rnd = random.Random(7)

    def words() -> str:
        out = []
        for _ in range(rnd.randrange(1, 4)):
            run = "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randrange(1, 7)))
            out.append(run + rnd.choice(["", " ", "，", "abc ", "2 "]))
        return "".join(out)

    subjects = {i: words() for i in range(1, 301)}
    previews = {i: words() for i in range(1, 301)}
    store.upsert_tickets(
        [ticket(i, subject=subjects[i], last_message_preview=previews[i]) for i in subjects]
    )
    runs = [run for text in subjects.values() for run in text.replace("，", " ").split()]
    checked = 0
    for _ in range(150):
        source = rnd.choice(runs).rstrip("abc2")
        if not source:
            continue
        start = rnd.randrange(len(source))
        word = source[start : start + rnd.randrange(1, 5)]
        expected = sorted(i for i in subjects if word in subjects[i] or word in previews[i])
        q = TicketQuery("all", text=word)
        found = sorted(t.id for t in store.query_tickets(q, 0, 1000))
        assert found == expected, word
        assert store.count_tickets(q) == len(expected)
        checked += 1
    assert checked > 100


def test_capped_counts(store: Store) -> None:
    store.upsert_tickets(
        [
            ticket(
                i,
                subject="提币未到账" if i % 2 else "Withdrawal pending",
                tags=["vip"] if i % 3 == 0 else [],
                assignee_id=5 if i % 5 == 0 else None,
            )
            for i in range(1, 201)
        ]
    )
    text = TicketQuery("all", text="提币")
    assert store.count_tickets(text) == 100
    assert store.count_tickets_capped(text, cap=50) == (50, True)
    assert store.count_tickets_capped(text, cap=100) == (100, False)
    assert store.count_tickets_capped(text, cap=2_000) == (100, False)
    mine = TicketQuery("mine", me_id=5, text="提币", tag="vip")
    assert store.count_tickets(mine) == 7  # odd multiples of 15 up to 200
    assert store.count_tickets_capped(mine, cap=3) == (3, True)
    assert store.count_tickets_capped(mine, cap=7) == (7, False)
    tag = TicketQuery("unassigned", tag="vip")
    assert store.count_tickets(tag) == 53
    assert store.count_tickets_capped(tag, cap=10) == (10, True)
    assert store.count_tickets_capped(tag, cap=53) == (53, False)
    view = TicketQuery("unassigned")
    assert store.count_tickets_capped(view, cap=10) == (160, False)  # views are always exact


def test_count_views_in_one_pass_matches_each_count(store: Store) -> None:
    store.upsert_tickets(
        [
            ticket(
                i,
                status=["open", "pending", "solved", "new"][i % 4],
                assignee_id=[None, 5, 6][i % 3],
                channel=["email", "telegram"][i % 2],
                customer_vip_tier=i % 7 == 0,
                tags=["vip"] if i % 4 == 1 else [],
                subject="提币" if i % 3 == 0 else "deposit",
            )
            for i in range(1, 61)
        ]
    )
    views = ["all", "open", "mine", "unassigned", "pending", "vip", "escalated", "breached"]
    queries = [TicketQuery(v, me_id=5) for v in views]
    queries += [
        TicketQuery("open", channel="telegram"),
        TicketQuery("all", tag="vip"),
        TicketQuery("open", text="提币"),
        TicketQuery("mine", text="#6"),
        TicketQuery("mine"),  # no me_id: nothing
    ]
    assert store.count_views(queries) == [store.count_tickets(q) for q in queries]
    assert store.count_views([]) == []
