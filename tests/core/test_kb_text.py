"""The pieces under the knowledge-base search: CJK tokens, normalisation, stems, query terms,
the typo vocabulary and highlight snippets."""

from __future__ import annotations

from console.core.cjk import cjk_tokens, word_phrase
from console.core.kb.highlight import SNIPPET_CHARS, Highlighter
from console.core.kb.query import ChunkTerm, GroupTerm, LatinTerm, parse_query
from console.core.kb.synonyms import SYNONYM_GROUPS
from console.core.kb.text import index_tokens, normalize, normalize_with_map, plain_markdown, stem
from console.core.kb.vocabulary import Vocabulary


def test_cjk_runs_become_bigrams_and_query_words_phrases() -> None:
    assert cjk_tokens("我的提币").split() == ["我的", "的提", "提币", "币"]
    assert word_phrase("提币") == ("提币", False)
    assert word_phrase("提") == ("提", True)
    assert word_phrase("withdr") == ("withdr", True)


def test_normalisation_folds_width_and_case() -> None:
    assert normalize("ＵＳＤＴ　ｶﾀｶﾅ") == "usdt カタカナ"
    folded, where = normalize_with_map("Ａb（提）")
    assert folded == "ab(提)" and where == [0, 1, 2, 3, 4]
    folded, where = normalize_with_map("x㈱y")  # one character becomes three
    assert folded == "x(株)y" and where == [0, 1, 1, 1, 2]


def test_stems_meet_inflections() -> None:
    assert {stem(w) for w in ("verify", "verifies", "verified")} == {"verifi"}
    assert {stem(w) for w in ("withdrawal", "withdrawals")} == {"withdrawal"}
    assert {stem(w) for w in ("delay", "delays", "delayed")} == {"delay"}
    assert stem("stopped") == "stop" and stem("btc") == "btc" and stem("提币") == "提币"


def test_index_tokens_and_plain_markdown() -> None:
    assert index_tokens("USDT充值 Deposits") == "usdt 充值 值  deposit"
    markdown = "## Steps\n1. Open **Assets**.\n- See [the guide](kb:deposit-memo-tag) and `code`."
    assert plain_markdown(markdown) == "Steps\nOpen Assets.\nSee the guide and code."


def test_customer_questions_lose_their_filler_words() -> None:
    assert parse_query("我的充值怎么没到账") == (
        GroupTerm(terms_group("充值")),
        GroupTerm(terms_group("没到账")),
    )
    assert parse_query("how do I reset my password ") == (
        GroupTerm(terms_group("reset")),
        GroupTerm(terms_group("password")),
    )
    assert parse_query("margin cal") == (GroupTerm(terms_group("margin")), LatinTerm("cal", True))
    assert parse_query("三个小时") == (ChunkTerm("三个小时"),)
    assert parse_query("的") == (ChunkTerm("的"),)  # only filler: still searched
    assert parse_query("  ") == ()


def terms_group(member: str) -> int:
    return next(i for i, group in enumerate(SYNONYM_GROUPS) if member in group)


def test_synonym_groups_cover_the_four_languages() -> None:
    withdraw = SYNONYM_GROUPS[terms_group("提币")]
    assert {"提现", "出金", "withdrawal", "출금"} <= set(withdraw)
    assert {"双重验证", "谷歌验证", "authenticator"} <= set(SYNONYM_GROUPS[terms_group("2fa")])
    assert len(SYNONYM_GROUPS) >= 60


def test_vocabulary_finds_words_one_edit_away() -> None:
    vocabulary = Vocabulary()
    vocabulary.add(["withdrawal", "liquidation", "deposit", "deposits"])
    assert vocabulary.near("withdrawl") == ["withdrawal"]  # deletion
    assert vocabulary.near("depoist") == ["deposit"]  # swap
    assert vocabulary.near("depositt") == ["deposit", "deposits"]  # insertion / substitution
    assert vocabulary.near("xyz") == [] and vocabulary.near("banana") == []
    assert vocabulary.has_prefix("liqu") and not vocabulary.has_prefix("liqx")
    vocabulary.remove(["withdrawal"])
    assert vocabulary.near("withdrawl") == [] and "withdrawal" not in vocabulary


def test_snippet_window_and_marks() -> None:
    highlighter = Highlighter(("提币",), frozenset({"delay"}), ("conf",))
    body = "x " * 200 + "The withdrawal was delayed by confirmations." + " y" * 200
    snippet, marks = highlighter.snippet(body, "summary")
    assert len(snippet) <= SNIPPET_CHARS + 2 and snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in marks] == ["delayed", "confirmations"]
    snippet, marks = highlighter.snippet("nothing here", "提币很慢")
    assert snippet == "提币很慢" and marks == ((0, 2),)
