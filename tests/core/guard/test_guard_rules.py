"""The rules that tell asking from warning, one at a time, and the shape of a finding."""

from __future__ import annotations

import dataclasses

import pytest

from console.core.guard import KINDS, GuardFinding, check_outgoing


def _kinds(text: str) -> list[str]:
    return [f.kind for f in check_outgoing(text)]


def test_finding_is_a_frozen_dataclass_with_the_request_span() -> None:
    text = "Hello! Please send me your seed phrase."
    (finding,) = check_outgoing(text)
    assert isinstance(finding, GuardFinding)
    assert dataclasses.is_dataclass(finding)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.kind = "link_unofficial"  # type: ignore[misc]
    assert finding.kind == "asks_secret"
    assert text[finding.start : finding.end] == "send me your seed phrase"
    assert finding.detail == (
        "asks the customer for a seed phrase, private key or keystore: “send me your seed phrase”"
    )
    assert set(KINDS) == {
        "asks_secret",
        "asks_password",
        "asks_code",
        "asks_remote_access",
        "link_unofficial",
        "link_lookalike",
    }


def test_empty_and_plain_text() -> None:
    assert check_outgoing("") == []
    assert check_outgoing("Thanks, your withdrawal is on its way.") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Please send me your seed phrase", "asks_secret"),
        ("请提供您的私钥", "asks_secret"),
        ("ニーモニックを送ってください", "asks_secret"),
        ("시드 구문을 보내 주세요", "asks_secret"),
        ("What is your fund password?", "asks_password"),
        ("你的密码是多少？", "asks_password"),
        ("ログインパスワードは何ですか？", "asks_password"),
        ("로그인 비밀번호가 뭐예요?", "asks_password"),
        ("Read me the SMS code you just received", "asks_code"),
        ("把验证码告诉我", "asks_code"),
        ("認証コードを教えてください", "asks_code"),
        ("인증 코드를 알려 주세요", "asks_code"),
        ("Install AnyDesk and give me the ID", "asks_remote_access"),
        ("请安装 AnyDesk 并把连接 ID 发给我", "asks_remote_access"),
        ("AnyDeskをインストールしてIDを教えてください", "asks_remote_access"),
        ("애니데스크를 설치하고 ID를 알려 주세요", "asks_remote_access"),
    ],
)
def test_requests_in_four_languages(text: str, kind: str) -> None:
    assert kind in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # a negation or warning word in the same clause
        "We will never ask for your seed phrase.",
        "Don't share your 2FA code with anyone.",
        "Your private key should never be shared, not even with us.",
        "请勿向任何人透露您的助记词",
        "官方绝不会索要验证码",
        "秘密鍵は絶対に教えないでください",
        "当社がパスワードをお伺いすることは一切ございません。",
        "절대로 개인 키를 공유하지 마세요",
        "Lumen 고객센터는 비밀번호를 요청하지 않습니다.",
        # the negation ends the clause before: "Do not, under any circumstances, send ..."
        "Do not, under any circumstances, send your seed phrase.",
        # a condition or reported speech takes the warning words of its whole sentence
        "If you get a message asking for your seed phrase, report it as a scam.",
        "如果收到要求提供助记词的短信，请立即举报。",
        "「秘密鍵を送ってください」というメッセージは詐欺です。",
        "'시드 구문을 보내 달라'는 요청은 모두 사기입니다.",
        # a quoted request next to a warning
        '"Send your seed phrase to verify your wallet." Messages like this are phishing.',
        # removing or asking about remote tools
        "Please uninstall AnyDesk and change your password.",
        "Have you ever installed TeamViewer on this computer?",
        "如您已安装远程软件，请立即卸载。",
    ],
)
def test_warnings_are_not_requests(text: str) -> None:
    assert _kinds(text) == []


def test_a_contrast_word_ends_the_negation() -> None:
    assert _kinds("We never ask for your password, but please send me the 2FA code now.") == [
        "asks_code"
    ]
    assert _kinds("我们不会索要您的私钥，但请提供您的验证码。") == ["asks_code"]


def test_a_comma_ends_a_condition_without_negation() -> None:
    assert _kinds("If you cannot log in, please send me your password.") == ["asks_password"]


@pytest.mark.parametrize(
    "text",
    [
        "Please send me the TxID and a screenshot of the withdrawal record.",
        "Please provide your UID and the registered email address.",
        "Please tell me the code in the error message.",
        "Could you send a screenshot of the 2FA settings page?",
        "Please confirm your password is correct and try again.",
        "Tell me whether you received the SMS code.",
        "Could you confirm the withdrawal address?",
        "请提供交易哈希（TxID）以及提币记录的截图。",
        "请告诉我错误提示中的代码。",
        "TxIDとスクリーンショットを送ってください。",
        "오류 메시지 스크린샷을 보내 주세요.",
    ],
)
def test_asking_for_what_is_not_a_secret_is_fine(text: str) -> None:
    assert _kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the agent (or the system) sends, nobody is asked
        "We will send a new verification code to your phone.",
        "I have sent the password reset link to your email.",
        "我们会给您发送新的验证码。",
        "验证码已发送至您的邮箱。",
        "新しい認証コードをSMSで送信しますので、アプリで入力してください。",
        "이메일로 인증 코드를 보내 드렸습니다.",
        # typing a code into the app is an instruction, not a request
        "Enter the 6-digit code from Google Authenticator on the withdrawal page.",
        "请在提币页面输入谷歌验证器上的 6 位动态码。",
        "出金画面で認証コードを入力してください。",
        "출금 페이지에서 인증 코드를 입력해 주세요.",
        "認証コードを入力して送信してください。",
        # a seed phrase typed into the customer's own wallet app
        "In the Lumen Wallet app, tap Import and enter your seed phrase.",
        "在钱包APP中输入助记词即可导入钱包。",
    ],
)
def test_instructions_and_the_agent_sending_are_fine(text: str) -> None:
    assert _kinds(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # typing into this conversation is a request
        ("Please type your password here.", "asks_password"),
        ("请在这里输入你的助记词", "asks_secret"),
        ("확인 코드를 여기에 입력해 주세요.", "asks_code"),
        # a seed phrase typed anywhere but the customer's own wallet app
        ("Please enter your seed phrase to verify your wallet.", "asks_secret"),
        # "it" in the next clause
        ("Your seed phrase is needed to complete the KYC, please send it.", "asks_secret"),
        # the verb after the object
        ("Copy your private key and paste it here.", "asks_secret"),
        ("助记词发我一下", "asks_secret"),
        # a bare please
        ("seed phrase pls", "asks_secret"),
        ("シードフレーズをお願いします。", "asks_secret"),
        ("시드 문구 부탁드립니다.", "asks_secret"),
    ],
)
def test_other_request_shapes(text: str, kind: str) -> None:
    assert _kinds(text) == [kind]


def test_a_list_over_clauses_is_asked_for_as_a_whole() -> None:
    text = "Please send me your seed phrase, private key, password and 2FA code."
    findings = check_outgoing(text)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [
        ("asks_secret", "send me your seed phrase"),
        ("asks_secret", "private key"),
        ("asks_password", "password"),
        ("asks_code", "2FA code"),
    ]
    assert set(_kinds("시드 구문, 개인 키를 보내 주세요.")) == {"asks_secret"}


def test_a_request_in_a_link_path_is_no_request() -> None:
    assert check_outgoing("https://lumen.example/help/en/send-me-your-seed-phrase") == []


def test_findings_come_in_text_order() -> None:
    text = "Install AnyDesk. Then send me your password and visit lumen-secure.com."
    findings = check_outgoing(text)
    assert [f.kind for f in findings] == ["asks_remote_access", "asks_password", "link_lookalike"]
    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_a_finding_spans_the_request_in_the_original_text() -> None:
    text = "İstanbul team: SEND ME YOUR SEED PHRASE."
    (finding,) = check_outgoing(text)
    assert text[finding.start : finding.end] == "SEND ME YOUR SEED PHRASE"
