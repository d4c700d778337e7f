"""The things support must never ask a customer for, in English, Chinese (simplified and
traditional), Japanese and Korean: seed phrases, private keys and keystores ("secret"), passwords,
2FA / SMS / e-mail codes ("code") and remote-access tools ("remote").

Each phrase names its kind; the longest phrase wins where they overlap, so "one-time password" is
a code, "keystore password" a secret and plain "password" a password. English phrases only count
as whole words ("otp" is not found inside "hotpot") and also match their plural; a space stands
for any separator or none ("seed phrase", "seed-phrase", "seedphrase"; "개인 키", "개인키").
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from .lexicon import Marks, register_objects
from .wordtrie import phrase_key

__all__ = ["ObjectKind", "ObjectMention", "find_objects"]

ObjectKind = Literal["secret", "password", "code", "remote"]

_SECRET = """
seed phrase; seed words; seed word; seed key; recovery phrase; recovery words; recovery seed;
secret phrase; secret words; backup phrase; backup words; backup seed; wallet phrase; wallet seed;
mnemonic; mnemonic phrase; mnemonic words; 12 words; 12 word; 24 words; 24 word; 18 words;
twelve words; twenty four words; 25th word; private key; privkey; priv key; secret key; xprv;
xpriv; yprv; zprv; wif key; keystore; key store file; keystore password; keystore file password;
wallet file; wallet.dat; passphrase; wallet passphrase; api secret
助记词; 助記詞; 记忆词; 記憶詞; 种子词; 種子詞; 种子短语; 種子短語; 恢复短语; 恢復短語; 恢复词;
恢復詞; 私钥; 私鑰; 秘钥; 秘鑰; 密钥; 密鑰; 钱包文件; 錢包文件; 12个单词; 12個單詞; 24个单词;
24個單詞; keystore文件; keystore密码; keystore密碼
ニーモニック; シードフレーズ; シード フレーズ; リカバリーフレーズ; リカバリフレーズ; 復元フレーズ;
復元用フレーズ; バックアップフレーズ; 秘密鍵; プライベートキー; シークレットキー; キーストア;
パスフレーズ; 12単語; 24単語; 12個の単語; 24個の単語
시드; 시드 구문; 시드 문구; 시드 단어; 니모닉; 복구 구문; 복구 문구; 복구 단어; 개인 키;
프라이빗 키; 비밀 키; 키스토어;
패스프레이즈; 12단어; 24단어; 12개 단어; 24개 단어
"""

_PASSWORD = """
password; pass word; passwd; pwd; passcode; pass code; pin; pin code; pin number; credentials;
login credentials; account credentials
密码; 密碼; 口令; pin码; pin碼
パスワード; 暗証番号; パスコード; pinコード
비밀번호; 비번; 패스워드; pin 번호
"""

_CODE = """
verification code; verify code; 2fa code; 2fa; 2 fa code; two factor code; two factor
authentication code; 2 step code; 2 step verification code; authenticator code;
google authenticator code; google auth code; ga code; sms code; text code; email code;
e mail code; security code; otp; otp code; totp; one time code; one time password;
one time passcode; 6 digit code; six digit code; 6 digit number; login code; confirmation code;
auth code; authentication code; mfa code; backup code; recovery code; 2fa backup key; 2fa key;
2fa secret; authenticator key; authenticator secret; authenticator setup key; ga secret;
ga key; code we sent; code we just sent; code that we sent; code that was sent; code sent to your;
code you received; code you just received; code you got; code you just got; code on your phone;
code from your phone; code from your email; code from your authenticator; code from your app;
code in your email; code in your inbox; code in your sms; code in the sms; code in the email;
code in your authenticator; code in google authenticator; code texted to you;
code emailed to you; digits from your authenticator; numbers from your authenticator;
numbers in your authenticator; numbers on your authenticator; code on your authenticator;
code shown in your authenticator; code shown in google authenticator; code shown on your phone;
6 digits; six digits
验证码; 驗證碼; 校验码; 校驗碼; 动态码; 動態碼; 动态密码; 動態密碼; 一次性密码; 一次性密碼;
谷歌码; 谷歌碼; 6位数字; 六位数字; 6位數字; 六位數字; 6位动态码; ga码; ga碼; 2fa码; 2fa碼; 安全码;
安全碼; 认证码; 認證碼; 短信码; 簡訊碼;
谷歌密钥; 谷歌密鑰; 谷歌验证器密钥; 谷歌驗證器密鑰; 2fa密钥; 2fa密鑰; 备用码; 備用碼; 恢复码;
恢復碼
認証コード; 確認コード; 検証コード; 2faコード; ワンタイムパスワード; ワンタイムコード;
セキュリティコード; smsコード; 6桁のコード; 6桁コード; 6桁の数字; 6桁の番号; 認証番号;
認証用のコード; 認証のコード;
バックアップコード; 届いたコード; 送られたコード; 送信されたコード
인증 코드; 인증 번호; 확인 코드; 보안 코드; 2fa 코드; otp 번호; 일회용 비밀번호; 일회용 코드;
6자리 코드; 6자리 번호; 6자리 숫자; 백업 코드; 복구 코드; 문자 인증 번호
"""

_REMOTE = """
anydesk; any desk; teamviewer; team viewer; quicksupport; teamviewer quicksupport; todesk;
rustdesk; sunlogin; splashtop; ultraviewer; ultra viewer; logmein; supremo; ammyy; aeroadmin;
airdroid; screenconnect; connectwise; zoho assist; quick assist; quickassist; remote desktop;
remote access; remote control; remote support; remote assistance; remote session;
remote connection; remote app; remote tool; remote software; remote program; remote help;
remotely; remote into; screen sharing; screen share; screenshare; share your screen;
share the screen; take control; control your computer; control your phone; control your device;
control your pc; access your computer; access your phone; access your device; access your pc;
connect to your computer; connect to your phone; connect to your device; connect to your pc
远程; 遠程; 遠端; 向日葵; 屏幕共享; 共享屏幕; 分享屏幕; 屏幕分享; 螢幕分享; 分享螢幕; 共享螢幕;
螢幕共享; 共享一下屏幕; 分享一下屏幕; 共享下屏幕; 共享您的屏幕; 共享你的屏幕; 分享您的屏幕;
分享你的屏幕; 共享一下螢幕; 分享一下螢幕; 分享您的螢幕; 共享您的螢幕; 控制您的电脑; 控制你的电脑;
控制您的手机; 控制你的手机; 控制您的電腦; 控制你的電腦;
控制您的手機; 控制你的手機
リモート; 遠隔; 画面共有; 画面を共有; 画面の共有; エニーデスク; チームビューア; チームビューワー
원격; 화면 공유; 화면을 공유; 팀뷰어; 애니데스크; 퀵서포트
"""


def _phrases(block: str) -> list[str]:
    # One phrase per ";"; a line ends a phrase too, but a long English phrase may go on below
    # when its line ends without ";" and the next one starts in lower-case Latin.
    return [p.strip() for p in re.split(r";|\n(?![a-z])", block) if p.strip()]


def _table() -> tuple[dict[str, ObjectKind], list[str]]:
    table: dict[str, ObjectKind] = {}
    every: list[str] = []
    blocks: tuple[tuple[ObjectKind, str], ...] = (
        ("secret", _SECRET),
        ("password", _PASSWORD),
        ("code", _CODE),
        ("remote", _REMOTE),
    )
    for kind, block in blocks:
        for phrase in _phrases(block):
            forms = [phrase]
            if phrase[-1].isascii() and phrase[-1].isalpha() and not phrase.endswith("s"):
                forms.append(phrase + "s")
            for form in forms:
                key = phrase_key(form)
                if table.get(key, kind) != kind:
                    raise ValueError(f"{form!r} is listed under two kinds")
                table[key] = kind
                every.append(form)
    return table, every


_KINDS, _EVERY = _table()
_OWNERS: dict[ObjectKind, tuple[str, ObjectKind]] = {
    kind: ("object", kind) for kind in ("secret", "password", "code", "remote")
}
for _kind, _owner in _OWNERS.items():
    register_objects(_owner, [p for p in _EVERY if _KINDS[phrase_key(p)] == _kind])


class ObjectMention(NamedTuple):
    start: int
    end: int
    kind: ObjectKind


def find_objects(marks: Marks) -> list[ObjectMention]:
    """Every mention of a secret, password, code or remote-access tool in the marked text."""
    found = [
        ObjectMention(start, end, kind)
        for kind, owner in _OWNERS.items()
        for start, end in marks.objects(owner)
    ]
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[ObjectMention] = []
    for mention in found:  # the longest phrase wins ("keystore password" over "keystore")
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept
