"""Properties of the outgoing guard, checked on generated text (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from console.core.guard import KINDS, check_outgoing

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- official links with any path and query -----------------------------------------------

_LABEL = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
_PATH_CHARS = st.sampled_from(
    [
        *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@",
        "%20",
        "%2F",
        "%E4%BD%A0",
    ]
)
_SEGMENT = st.lists(_PATH_CHARS, max_size=12).map("".join)


@st.composite
def official_links(draw: st.DrawFn) -> str:
    subdomains = draw(st.lists(_LABEL, max_size=3))
    host = ".".join([*subdomains, "lumen.example"])
    host = draw(st.sampled_from([host, host.upper(), host + "."]))
    port = draw(st.sampled_from(["", ":443", ":8080"]))
    path = "/".join(draw(st.lists(_SEGMENT, max_size=5)))
    query = draw(st.sampled_from(["", "?"])) + "&".join(draw(st.lists(_SEGMENT, max_size=3)))
    fragment = draw(st.sampled_from(["", "#"])) + draw(_SEGMENT)
    form = draw(st.sampled_from(["https://", "http://", "www.", ""]))
    if form == "www." or (form == "" and not path):
        return f"{form}{host}{port}/{path}{query}"
    return f"{form}{host}{port}/{path}{query}{fragment}"


_FRAMES = [
    "See {} for the steps.",
    "{}",
    "Guide: {}\nThanks!",
    "请访问 {} 了解详情。",
    "手順はこちら：{}",
    "자세한 내용은 {} 를 참고해 주세요.",
    "({})",
]


@_SETTINGS
@given(link=official_links(), frame=st.sampled_from(_FRAMES))
def test_official_links_with_any_path_and_query_pass(link: str, frame: str) -> None:
    assert check_outgoing(frame.format(link)) == []


# --- text without links and without the request vocabulary -------------------------------

# Stems of everything the guard looks for; generated text that contains one is skipped.
_VOCABULARY = re.compile(
    r"seed|mnemonic|phrase|word|key|priv|prv|wif|store|wallet|secret|pass|pwd|pin|credential|code|"
    r"otp|2fa|fa|digit|number|auth|desk|viewer|remote|screen|share|control|access|connect|"
    r"support|login|splashtop|logmein|supremo|ammyy|aeroadmin|airdroid|assist|api|"
    r"助|記|记|种|種|短|恢|復|钥|鑰|钱|錢|单|單|密|口令|码|碼|远|遠|向日葵|屏|螢|控制|"
    r"ニーモニック|シード|フレーズ|鍵|キー|パス|暗証|コード|番号|単語|リモート|遠隔|画面|エニー|チーム|桁|"
    r"시드|니모닉|구문|문구|단어|키|비밀|비번|패스|코드|번호|원격|화면|팀뷰어|애니|퀵|자리|otp",
    re.IGNORECASE,
)
# Support phrases with request verbs, negations and everyday words, but nothing secret.
_WORDS = [
    "please", "send", "send me", "tell me", "provide", "share", "confirm", "enter", "type here",
    "what is your", "I need", "install", "open", "never", "do not", "anyone", "the", "TxID", "UID",
    "screenshot", "withdrawal", "deposit", "address", "network", "BTC", "0.5", "1,250.00",
    "请", "提供", "告诉我", "发给我", "发一下", "输入", "安装", "不要", "您的", "截图", "提币",
    "地址",
    "送ってください", "教えてください", "入力してください", "出金", "アドレス", "しないでください",
    "보내 주세요", "알려 주세요", "입력해 주세요", "설치", "출금", "주소", "마세요",
    ",", "，", "。", "!", "?", "\n", "(", ")", "“", "”", "「", "」",
]  # fmt: skip
_NO_LINK_CHARS = st.characters(
    exclude_characters=".．。｡@:/", exclude_categories=["Cs", "Co", "Cn"]
)


@_SETTINGS
@given(
    parts=st.lists(
        st.one_of(st.sampled_from(_WORDS), st.text(_NO_LINK_CHARS, max_size=12)), max_size=40
    )
)
def test_text_without_links_or_secret_words_passes(parts: list[str]) -> None:
    text = " ".join(parts)
    assume(not _VOCABULARY.search(text))
    assert check_outgoing(text) == []


# --- findings lie inside the text ----------------------------------------------------------

_FRAGMENTS = [
    "Please send me your seed phrase.",
    "请把验证码告诉我",
    "パスワードを教えてください。",
    "애니데스크를 설치해 주세요.",
    "We will never ask for your password.",
    "https://lumen-secure.com/login",
    "lumen.co",
    "https://lumen.example/help/en/x",
    "help@lumen-support.net",
    "evil.com",
    "İ",
    "ǅ",
    "ß",
    "\n",
    ", ",
]


@_SETTINGS
@given(
    parts=st.lists(
        st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=15)), min_size=1, max_size=20
    )
)
def test_findings_lie_inside_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    findings = check_outgoing(text)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.kind in KINDS
        assert finding.detail
    assert [f.start for f in findings] == sorted(f.start for f in findings)


# --- a request stays a request whatever surrounds it ---------------------------------------

_REQUESTS = [
    ("asks_secret", "Please send me your seed phrase."),
    ("asks_secret", "请提供您的私钥。"),
    ("asks_password", "ログインパスワードは何ですか？"),
    ("asks_code", "인증 코드를 알려 주세요."),
    ("asks_remote_access", "Install AnyDesk and give me the ID."),
]
_PLAIN = st.text(
    st.characters(exclude_characters='“”"「」『』‘’《》', exclude_categories=["Cs"]),
    max_size=60,
)


@_SETTINGS
@given(request=st.sampled_from(_REQUESTS), before=_PLAIN, after=_PLAIN)
def test_a_request_is_caught_whatever_surrounds_it(
    request: tuple[str, str], before: str, after: str
) -> None:
    kind, sentence = request
    text = f"{before}\n{sentence}\n{after}"
    start = len(before) + 1
    assert any(
        f.kind == kind and start <= f.start and f.end <= start + len(sentence)
        for f in check_outgoing(text)
    )
