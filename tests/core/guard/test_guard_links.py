"""Links in outgoing messages: official domains pass, everything else is flagged, look-alikes as
such."""

from __future__ import annotations

import pytest

from console.core.guard import OFFICIAL_DOMAINS, GuardFinding, check_outgoing


def _links(text: str) -> list[tuple[str, str]]:
    return [
        (f.kind, text[f.start : f.end]) for f in check_outgoing(text) if f.kind.startswith("link_")
    ]


def test_official_domains_are_the_demo_exchange() -> None:
    assert frozenset({"lumen.example"}) == OFFICIAL_DOMAINS


@pytest.mark.parametrize(
    "text",
    [
        "https://lumen.example/help/en/reset-2fa",
        "See https://lumen.example/help/zh/deposit-not-credited for the steps.",
        "http://lumen.example",
        "HTTPS://LUMEN.EXAMPLE./HELP",
        "https://help.lumen.example:8443/a/b?c=d&e=f#g",
        "https://api.eu.lumen.example/v1/orders?symbol=BTCUSDT",
        "www.lumen.example/download",
        "lumen.example",
        "Download it from lumen.example/download only.",
        "status.lumen.example:443/incidents",
        "(see https://lumen.example/help/en/withdrawal-limits).",
        "请访问https://lumen.example/help/zh/x了解详情。",
        "公式サイトは lumen.example です。",
        "https://lumen.example/redirect?to=https://evil.com/&next=lumen-secure.com",
        "https://lumen.example/help/en/never-share-your-seed-phrase-or-password",
        "Write to support@lumen.example or kyc@help.lumen.example.",
        "Your address john.smith@gmail.com is on file; alerts go to ops@company.co.uk.",
        "mailto:support@lumen.example",
        "The files main.py, notes.md, wallet.dat and backup.zip are not links.",
        "e.g. BTC, i.e. any coin; version 4.2.1; 0.5 BTC; 1,250.00 USDT; No.1",
        "Done.It is fixed now.",
    ],
)
def test_official_and_non_links_pass(text: str) -> None:
    assert _links(text) == []


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Check it on https://etherscan.io/tx/0xabc", "https://etherscan.io/tx/0xabc"),
        ("google.com", "google.com"),
        ("Go to www.example.com/login", "www.example.com/login"),
        ("see evil.com:8080/x?y=1", "evil.com:8080/x?y=1"),
        ("https://192.168.1.10:8080/admin", "https://192.168.1.10:8080/admin"),
        ("https://[2001:db8::1]/x", "https://[2001:db8::1]/x"),
        ("https://evil.com/lumen.example", "https://evil.com/lumen.example"),
        ("https://例子.中国/path", "https://例子.中国/path"),
        ("https://münchen.de/x", "https://münchen.de/x"),
        ("ftp://files.example.net/pub", "ftp://files.example.net/pub"),
        ("(https://evil.com).", "https://evil.com"),
        ("访问evil.com获取", "evil.com"),
    ],
)
def test_unofficial_links_are_flagged(text: str, link: str) -> None:
    assert _links(text) == [("link_unofficial", link)]


@pytest.mark.parametrize(
    ("text", "link", "reason"),
    [
        # punycode
        ("https://xn--lumn-x4d.example/help", "https://xn--lumn-x4d.example/help", "look-alike"),
        ("https://xn--fiqs8s.example", "https://xn--fiqs8s.example", "punycode"),
        # homoglyphs: Cyrillic е, Greek ο, digit 1 for l, capital I for l, 0 for o, rn for m
        ("https://lumеn.example/help", "https://lumеn.example/help", "look-alike characters"),
        ("lumen.exаmple", "lumen.exаmple", "lumen"),
        ("https://lumеn-secure.com", "https://lumеn-secure.com", "adds words"),
        ("https://1umen.example/", "https://1umen.example/", "look-alike characters"),
        ("https://Iumen.com", "https://Iumen.com", "look-alike characters"),
        ("https://lurnen.com", "https://lurnen.com", "look-alike characters"),
        ("https://lumen.ex4mple.com", "https://lumen.ex4mple.com", "lumen"),
        # the brand with extra words or hyphens
        ("https://lumen-secure.com/login", "https://lumen-secure.com/login", "adds words"),
        ("lumen-support.io/verify", "lumen-support.io/verify", "adds words"),
        ("Visit securelumen.net now", "securelumen.net", "adds words"),
        ("https://my-lumen-wallet.app", "https://my-lumen-wallet.app", "adds words"),
        ("请访问lumen-help.com了解", "lumen-help.com", "adds words"),
        ("lumen.github.io/login", "lumen.github.io/login", "another ending"),
        # the official name under another ending or inside another domain
        ("https://lumen.co", "https://lumen.co", "another ending"),
        ("lumen.com.cn", "lumen.com.cn", "another ending"),
        ("lumen.to", "lumen.to", "another ending"),
        ("https://lumen.example.evil.com/login", "https://lumen.example.evil.com/login", "part"),
        ("https://lumen.example-login.com", "https://lumen.example-login.com", "part"),
        ("https://lumen.verify-account.net", "https://lumen.verify-account.net", "another domain"),
        # a misspelling
        ("https://lumem.com", "https://lumem.com", "misspelling"),
        ("https://luemn.com", "https://luemn.com", "misspelling"),
        # the official name as the user part of a URL hides the real host
        ("http://lumen.example@evil.com/login", "http://lumen.example@evil.com/login", "@"),
        # e-mail addresses at a look-alike
        ("Write to help@lumen-support.net", "help@lumen-support.net", "e-mail"),
        ("mailto:help@lumen-secure.com", "help@lumen-secure.com", "e-mail"),
    ],
)
def test_lookalikes_are_flagged(text: str, link: str, reason: str) -> None:
    findings = [f for f in check_outgoing(text) if f.kind.startswith("link_")]
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [("link_lookalike", link)]
    assert reason in findings[0].detail


def test_detail_names_the_host() -> None:
    (finding,) = check_outgoing("Log in at https://lumen-secure.com/login")
    assert finding == GuardFinding(
        "link_lookalike",
        10,
        40,
        "lumen-secure.com imitates lumen.example: “lumen-secure” adds words or hyphens to the "
        "brand name",
    )
    (unofficial,) = check_outgoing("see etherscan.io")
    assert "etherscan.io" in unofficial.detail and "not an official domain" in unofficial.detail


def test_punycode_detail_shows_both_forms() -> None:
    (finding,) = check_outgoing("https://lumеn.example/help")
    assert "lumеn.example (xn--lumn-x4d.example)" in finding.detail


def test_every_link_is_reported_once_in_order() -> None:
    text = (
        "Old site lumen.co, new site https://lumen.example, mirror https://evil.com/x "
        "and lumen-vip.com"
    )
    assert _links(text) == [
        ("link_lookalike", "lumen.co"),
        ("link_unofficial", "https://evil.com/x"),
        ("link_lookalike", "lumen-vip.com"),
    ]


def test_other_official_domains_can_be_given() -> None:
    text = "Docs: https://docs.acme.test/x and https://lumen.example/help"
    official = {"acme.test"}
    assert [(f.kind, text[f.start : f.end]) for f in check_outgoing(text, official)] == [
        ("link_unofficial", "https://lumen.example/help")
    ]
    assert _links("https://docs.acme.test/x") == [("link_unofficial", "https://docs.acme.test/x")]
    lookalike = check_outgoing("acme-login.com", official_domains=official)
    assert [f.kind for f in lookalike] == ["link_lookalike"]
    assert check_outgoing("https://LUMEN.example./x", official_domains=["Lumen.Example."]) == []
