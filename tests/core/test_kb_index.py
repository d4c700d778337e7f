"""KbIndex behaviour on a small hand-made corpus: CJK, prefixes, typos, synonyms, filters,
languages, strict before relaxed, highlights and updates."""

from __future__ import annotations

import threading

import pytest

from console.core.kb import KB_CATEGORIES, KB_LANGUAGES, KbDoc, KbHit, KbIndex, docs_for_article

ARTICLES = [
    (
        1,
        "withdrawal-delayed",
        "deposit_withdrawal",
        ["withdrawal", "提币"],
        {
            "zh": {
                "title": "提币长时间未到账怎么办",
                "summary": "大多数提币在30分钟内处理。",
                "body": "## 原因\n提币需要**网络确认**。请查看[记录](kb:deposit-not-credited)。",
            },
            "en": {
                "title": "Withdrawal is delayed",
                "summary": "Most withdrawals finish in 30 minutes.",
                "body": "## Why\nA withdrawal waits for **network confirmations**.",
            },
            "ja": {
                "title": "出金が遅れている",
                "summary": "ほとんどの出金は30分以内に処理されます。",
                "body": "出金にはネットワークの承認が必要です。",
            },
            "ko": {
                "title": "출금이 지연될 때",
                "summary": "대부분의 출금은 30분 안에 처리됩니다.",
                "body": "출금에는 네트워크 확인이 필요합니다.",
            },
        },
    ),
    (
        2,
        "deposit-not-credited",
        "deposit_withdrawal",
        ["deposit", "充值"],
        {
            "zh": {
                "title": "充值未到账",
                "summary": "充值在达到确认数后入账。",
                "body": "请核对 TXID 和网络。",
            },
            "en": {
                "title": "Deposit not credited",
                "summary": "Deposits arrive after confirmations.",
                "body": "Check the TXID and the network you used.",
            },
        },
    ),
    (
        3,
        "account-2fa-setup",
        "account_security",
        ["2fa", "security"],
        {
            "zh": {
                "title": "如何开启谷歌验证",
                "summary": "在安全中心绑定身份验证器。",
                "body": "安装 Google Authenticator,扫描二维码。客服绝不会索要验证码。",
            },
            "en": {
                "title": "Set up two-factor authentication",
                "summary": "Bind an authenticator app in the security centre.",
                "body": "Install Google Authenticator and scan the QR code.",
            },
        },
    ),
    (
        4,
        "futures-liquidation",
        "futures",
        ["futures", "liquidation"],
        {
            "zh": {
                "title": "合约爆仓是怎么回事",
                "summary": "保证金率达到100%时强制平仓。",
                "body": "强平由标记价格触发。",
            },
            "en": {
                "title": "How futures liquidation works",
                "summary": "Positions are liquidated when the margin ratio reaches 100%.",
                "body": "Liquidation is triggered by the mark price, not the last price.",
            },
        },
    ),
]


def _docs() -> list[KbDoc]:
    docs: list[KbDoc] = []
    for article_id, slug, category, tags, locales in ARTICLES:
        docs += docs_for_article(article_id, slug, category, tags, locales)
    return docs


@pytest.fixture()
def index() -> KbIndex:
    built = KbIndex()
    built.replace_all(_docs())
    return built


def slugs(hits: list[KbHit]) -> list[str]:
    return [hit.slug for hit in hits]


def test_public_constants_and_docs_for_article() -> None:
    assert KB_LANGUAGES == ("zh", "en", "ja", "ko")
    assert "glossary" in KB_CATEGORIES and len(KB_CATEGORIES) == 17
    docs = docs_for_article(
        9,
        "s",
        "spot",
        ["a"],
        {
            "en": {"title": "T", "summary": "S", "body": "B"},
            "zh": {"title": "标", "summary": "", "body": ""},
        },
    )
    assert [d.lang for d in docs] == ["zh", "en"]
    assert docs[1] == KbDoc(9, "s", "spot", "en", "T", "S", "B", ("a",))


def test_len_counts_articles_and_blank_queries_find_nothing(index: KbIndex) -> None:
    assert len(index) == 4
    assert index.search("") == [] and index.search("   ") == [] and index.search("!!") == []
    assert index.search("提币", limit=0) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("提币", "withdrawal-delayed"),  # 2-character CJK
        ("提", "withdrawal-delayed"),  # 1 character, as a prefix
        ("withdr", "withdrawal-delayed"),  # the last word is a prefix while typed
        ("withdrawl", "withdrawal-delayed"),  # typo: a missing letter
        ("liquidaton", "futures-liquidation"),
        ("提现", "withdrawal-delayed"),  # synonym of 提币
        ("出金", "withdrawal-delayed"),
        ("출금", "withdrawal-delayed"),
        ("2FA", "account-2fa-setup"),  # 2fa = 谷歌验证 = authenticator
        ("双重验证", "account-2fa-setup"),
        ("爆仓", "futures-liquidation"),
        ("ＤＥＰＯＳＩＴ", "deposit-not-credited"),  # full width folds (NFKC)
        ("deposits", "deposit-not-credited"),  # plural meets singular
        ("我的充值怎么还没到账", "deposit-not-credited"),  # customer phrasing, stopwords
        ("how do I set up my authenticator?", "account-2fa-setup"),
    ],
)
def test_queries_of_every_shape_find_the_article(index: KbIndex, query: str, expected: str) -> None:
    assert slugs(index.search(query))[:1] == [expected]


def test_one_hit_per_article_in_the_preferred_language(index: KbIndex) -> None:
    hits = index.search("withdrawal", prefer_lang="ja")
    assert slugs(hits).count("withdrawal-delayed") == 1
    assert hits[0].lang == "ja" and hits[0].title == "出金が遅れている"
    assert index.search("withdrawal", prefer_lang="en")[0].lang == "en"


def test_language_and_category_filters(index: KbIndex) -> None:
    assert {h.lang for h in index.search("提币", lang="zh", limit=None)} == {"zh"}
    assert index.search("liquidation", lang="ko") == []
    assert slugs(index.search("network", category="deposit_withdrawal", limit=None)) != []
    assert index.search("liquidation", category="deposit_withdrawal") == []


def test_strict_matches_rank_before_relaxed_ones(index: KbIndex) -> None:
    # "deposit txid" matches article 2 fully; article 1 only says "network"/withdrawal things.
    hits = index.search("deposit txid network")
    assert hits[0].slug == "deposit-not-credited"
    assert index.search("liquidation zebra")[0].slug == "futures-liquidation"  # relaxed still finds


def test_limit_none_returns_every_match(index: KbIndex) -> None:
    assert set(slugs(index.search("30", limit=None))) == {"withdrawal-delayed"}
    assert len(index.search("n", limit=None)) >= 3
    assert len(index.search("n", limit=1)) == 1


def test_marks_point_at_the_match_in_the_original_text(index: KbIndex) -> None:
    hit = index.search("提币", lang="zh")[0]
    assert [hit.title[s:e] for s, e in hit.title_marks] == ["提币"]
    assert "提币" in [hit.snippet[s:e] for s, e in hit.snippet_marks]
    assert "**" not in hit.snippet and "kb:" not in hit.snippet  # Markdown stripped
    english = index.search("withdrawals", lang="en")[0]
    assert [english.title[s:e] for s, e in english.title_marks] == ["Withdrawal"]
    full_width = index.search("ｗｉｔｈｄｒａｗａｌ", lang="en")[0]
    assert full_width.title_marks == english.title_marks


def test_snippet_is_the_summary_when_the_body_does_not_match(index: KbIndex) -> None:
    hit = index.search("100%", lang="en")[0]
    assert hit.snippet == "Positions are liquidated when the margin ratio reaches 100%."
    assert [hit.snippet[s:e] for s, e in hit.snippet_marks] == ["100"]


def test_scores_are_ordered(index: KbIndex) -> None:
    hits = index.search("network", limit=None)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_put_and_remove_article_update_results_and_typo_vocabulary(index: KbIndex) -> None:
    index.put_article(
        5,
        docs_for_article(
            5,
            "zebra-crossing",
            "glossary",
            [],
            {
                "zh": {"title": "斑马", "summary": "", "body": ""},
                "en": {"title": "Zebra stripes", "summary": "", "body": ""},
            },
        ),
    )
    assert len(index) == 5 and slugs(index.search("zebra")) == ["zebra-crossing"]
    assert slugs(index.search("zebar ")) == ["zebra-crossing"]  # swapped letters
    index.put_article(
        5,
        docs_for_article(
            5,
            "zebra-crossing",
            "glossary",
            [],
            {
                "en": {"title": "Okapi", "summary": "", "body": ""},
                "zh": {"title": "霍加狓", "summary": "", "body": ""},
            },
        ),
    )
    assert index.search("zebra") == [] and slugs(index.search("okapi")) == ["zebra-crossing"]
    index.remove_article(5)
    assert len(index) == 4 and index.search("okapi") == []


def test_suggest_reads_long_customer_text(index: KbIndex) -> None:
    text = (
        "Hello, I made a withdrawal of USDT three hours ago and it still has not arrived in my "
        "other wallet. Can you check? 我的提币还没到账"
    )
    hits = index.suggest(text, prefer_lang="zh")
    assert hits[0].slug == "withdrawal-delayed" and hits[0].lang == "zh"
    assert len(index.suggest(text, limit=2)) <= 2
    assert index.suggest("   ") == []


def test_concurrent_searches_and_updates_are_safe(index: KbIndex) -> None:
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(50):
                index.search("提币")
                index.suggest("withdrawal delayed")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    for _ in range(20):
        index.put_article(1, _docs()[:4])
    for thread in threads:
        thread.join()
    assert errors == []
    index.close()
