"""Request cues: the words that make a mention of a secret a request for it.

All patterns run on lower-cased text. English requests are tight: the verb must come right before
the thing asked for, with at most four words in between and none of them a preposition, a
conjunction, another verb or a pronoun ("send me your seed phrase" but not "tell me whether you
received the SMS code"). Chinese, Japanese and Korean requests are looser (word order varies, the
verb often comes last): the request verb and the thing asked for share a clause and stand close.
"""

from __future__ import annotations

import re

from .lexicon import Family
from .wordtrie import phrases

__all__ = [
    "CJK_CUE_GAP",
    "CJK_DESTINATION",
    "CJK_ENTRY",
    "CJK_NEED",
    "CJK_REQUEST",
    "CJK_SEND",
    "ENTRY_STEM",
    "LATIN_AFTER_STATE",
    "LATIN_DESTINATION",
    "LATIN_ENTRY_AT",
    "LATIN_PRONOUN_AFTER",
    "LATIN_PRONOUN_REQUEST",
    "LATIN_REQUEST_AT",
    "LATIN_SUBJECT_BEFORE",
    "LATIN_VERBS",
    "LATIN_WEAK_AFTER",
    "LATIN_WEAK_BEFORE",
    "OBJECT_QUESTION_AFTER",
    "OBJECT_WEAK_AFTER",
    "OWN_APP",
    "SECRET_ENTRY",
    "STATE_NEAR",
    "TO_CUSTOMER",
    "ZH_POSSESSIVE_BEFORE",
]


def _alternatives(block: str) -> str:
    """`a; b c` -> `a|b\\s+c` (regex fragments allowed inside the phrases)."""
    return "|".join(re.sub(r" +", r"\\s+", p) for p in phrases(block))


# --- Latin: "VERB [me|us] [up to four plain words] OBJECT" -------------------------------------

# Words that cannot sit between a request verb and what it asks for.
_BREAKERS = _alternatives(
    """
    with; in; on; at; from; for; to; into; onto; by; via; through; about; after; before; during;
    without; using; under; whether; if; when; once; because; since; while; until; unless; than;
    then; so; how; why; where; which; who; what; is; are; was; were; be; been; being; has; have;
    had; do; does; did; can; could; will; would; should; must; may; might; shall; not; never; no;
    you; they; he; she; we; i; it; them; someone; anyone; send; enter; type; input; click; tap;
    press; open; go; check; use; get; make; keep; store; write; set; reset; change; enable;
    disable; turn; log; sign; visit; follow; contact; wait; try; receive; received; receiving;
    lost; forgot; update; bind; unbind; verify; complete; select; choose; see; find; note;
    remember; protect; cover; hide; blur; mask; except; instead
    """
)
_FILLER = rf"(?:\s+(?!(?:{_BREAKERS})(?![\w'’-]))[\w'’-]+){{0,4}}"
_RECIPIENT = r"(?:\s+(?:to\s+)?(?:me|us)(?:\s+with)?|\s+over|\s+across|\s+back|\s+out)?"
_PLAIN_VERBS = _alternatives(
    """
    send; share; provide; tell; submit; confirm; forward; disclose; reveal; post; drop; dictate;
    upload; attach; hand over; read out; read; spell out; reply with; respond with; answer with;
    come back with; get back to me with; dm; pm; supply; furnish; repeat
    (?:give|show|message|email|e-mail|text|whatsapp|telegram|ping) (?:me|us)
    let (?:me|us) (?:know|have|see|get|check)
    by (?:sending|providing|sharing|submitting|confirming|telling|forwarding|giving)
    """
)
_WILL = r"(?:['’]ll|['’]d|\s+will|\s+would|\s+do|\s+really|\s+also|\s+just|\s+still|\s+now)*"
_ASKING = (
    r"(?:['’]m|['’]re|\s+am|\s+are|\s+must|\s+need\s+to|\s+have\s+to|\s+would\s+like\s+to|"
    r"['’]d\s+like\s+to|\s+want\s+to|\s+will|['’]ll)?"
)
_OWN_VERBS = "|".join(
    [
        rf"(?:i|we){_WILL}\s+(?:need|require|want)(?:\s+to\s+(?:have|get|see|know|check|verify))?",
        r"(?:may|can|could|might)\s+(?:i|we)\s+(?:have|get|know|see|check|verify|ask\s+(?:you\s+)?for)",
        rf"(?:i|we){_ASKING}\s+(?:ask|asking)\s+(?:you\s+)?for",
        r"let\s+me\s+ask\s+(?:you\s+)?for",
        r"what(?:['’]s|s|\s+is|\s+are|\s+was|\s+were)\s+(?:your|ur|the)",
    ]
)
# The first word of every verb above and of the typing verbs below: where to try the patterns.
LATIN_VERBS = Family(
    latin="""
    send; share; provide; tell; submit; confirm; forward; disclose; reveal; post; drop; dictate;
    upload; attach; hand; read; spell; reply; respond; answer; come; get; dm; pm; supply; furnish;
    repeat; give; show; message; email; e-mail; text; whatsapp; telegram; ping; let; by; i; we;
    may; can; could; might; what; whats; enter; type; input; paste; fill; key; put; write; copy;
    insert; include; verify; validate; check
    """
)
# Tried where a verb starts, up to the object: "send me your" + "seed phrase".
LATIN_REQUEST_AT = re.compile(
    rf"(?:(?P<plain>{_PLAIN_VERBS})|(?P<own>{_OWN_VERBS}))(?![\w'’-]){_RECIPIENT}{_FILLER}\s+$"
)
# Putting the secret somewhere: a request when the place is this conversation (`_DESTINATION`).
LATIN_ENTRY_AT = re.compile(
    r"(?P<plain>enter|type|input|paste|fill\s+in|key\s+in|put|write|copy|insert|include|verify|"
    rf"validate|check)(?![\w'’-]){_FILLER}\s+$"
)
LATIN_DESTINATION = re.compile(
    r"\b(?:here|below"
    r"|(?:in|into|to|on|at|via|through)\s+(?:the|this|our|your)\s+"
    r"(?:chat|conversation|reply|message|thread|ticket|chat\s*box|text\s+box|dm)"
    r"|(?:in|on|at|into|via|through)\s+(?:this|that|the\s+following)\s+"
    r"(?:page|site|website|form|link|url|portal)"
    r"|in\s+(?:a|your)\s+reply|(?:to|with)\s+(?:me|us))\b"
)
# Where a customer legitimately types a seed phrase: their own wallet app ("In the Lumen Wallet
# app, tap Import and enter your seed phrase", "在钱包中输入助记词", "ウォレットアプリで",
# "지갑 앱에서").
OWN_APP = re.compile(
    r"\b(?:in|into|on|inside|within)\s+(?:the|your)\s+(?:[\w-]+\s+){0,2}"
    r"(?:app|application|wallet|extension|device|phone|ledger|trezor|metamask)\b|"
    r"在[^，,。]{0,10}(?:钱包|錢包|应用|應用|app|设备|設備|插件)(?:中|里|裡|内|內|上)?|"
    r"(?:ウォレット|アプリ|端末)(?:で|に|の画面で|上で)|(?:지갑|앱|기기)\s*(?:에서|에)"
)
# Typing a seed phrase or key in is a request wherever it goes, unless the place is the customer's
# own wallet app (`OWN_APP`): no exchange page ever takes one.
SECRET_ENTRY = re.compile(
    r"\b(?:enter|type|input|paste|fill\s+in|key\s+in)\b|输入|輸入|填写|填寫|填入|粘贴|粘貼|貼上|黏貼|键入|"
    r"鍵入|入力|記入|貼り付け|입력|기입|붙여"
)
# "we will send a code", "I'll provide ..." - the agent gives, nobody is asked.
LATIN_SUBJECT_BEFORE = re.compile(
    r"\b(?:we|i|lumen|system|it|they|he|she|app|team|bot|support)(?:['’](?:ll|ve|d|re|m))?"
    r"(?:\s+(?:will|can|could|would|have|has|had|just|already|shall|may|might|also|then|now|"
    r"automatically|do|did|does|usually|always|only|is|are|am|to|be))*\s*$"
)
# Words right after the object that make it a topic, not the thing asked for:
# "confirm your password is correct", "send a screenshot of the 2FA code page".
LATIN_AFTER_STATE = re.compile(
    r"(?:['’]s)?[\s-]*(?:is|protected|are|was|were|has|have|had|works?|worked|matches|expired|"
    r"expires|arrived|arrives|came|comes|failed|fails|did|does|page|screen|settings?|field|box|"
    r"button|option|step|error|message|prompt|window|tab|section|form|issue|problem|reset|"
    r"feature|function|app|application|setup|request|generator|device|binding|manager|strength|"
    r"policy|change|rules|requirements?|hint|length|update|email|e-mail|mail|sms|input|entry|"
    r"login|status|method|type|format|expiry|validity|protection|recovery\s+process)\b"
)
# "Your password, please", "seed phrase pls": the object opens the clause and "please" follows.
LATIN_WEAK_BEFORE = re.compile(r"^\s*(?:(?:and|so|ok|okay|now|then|just)\s+)*(?:your|ur|the)?\s*$")
LATIN_WEAK_AFTER = re.compile(r"\s*,?\s*(?:please|pls|plz|asap|now)\b")
# A clause that asks for "it" right after a clause naming the object: "..., please send it".
LATIN_PRONOUN_REQUEST = re.compile(
    r"\s*(?:and\s+|so\s+|then\s+)?(?:please\s+|kindly\s+|just\s+)?(?:send|share|give|provide|tell|"
    r"forward|paste|type|enter|post|read|submit)\s+(?:it|them)\b(?:\s+(?:to\s+)?(?:me|us|here|over))?"
    r"\s*[.!]?\s*$"
)
# "copy your seed phrase and paste it here"
LATIN_PRONOUN_AFTER = re.compile(
    rf"{_FILLER}\s*(?:,\s*|\s+and\s+|\s+then\s+)?(?:send|share|give|paste|tell|forward|type|"
    r"enter|read|post|drop)\s+(?:it|them|those|these|that|this)\s+"
    r"(?:to\s+(?:me|us)|here|below|over|in\s+(?:the|this)\s+chat)\b"
)

# --- Chinese, Japanese, Korean --------------------------------------------------------------

# How far (in characters) a CJK request verb may stand from the object it asks for.
CJK_CUE_GAP = 16


def _each(stems: str, tail: str) -> str:
    """`a|b`, `X` -> `aX|bX`: every alternative starts with a literal, which lets `re` skip
    ahead to the candidates (a leading group or look-behind would make it try every position)."""
    return "|".join(stem + tail for stem in stems.split("|"))


_JA_POLITE = r"(?:ください|下さい|くださ|いただ|頂|もら|くれ|ほし|欲し)"
_JA_REQUEST = "|".join(
    [
        _each(
            "送っ|送信し|送付し|教え|伝え|知らせ|提供し|共有し|添付し|アップロードし|言っ|読み上げ|書い|"
            "記載し|提示し|開示し",
            "て" + _JA_POLITE,
        ),
        _each("お送り|お教え|お伝え|お知らせ|お聞かせ", r"(?:ください|下さい|くださ|いただ|頂|願)"),
        _each(
            "ご提供|ご共有|ご送付|ご送信|ご連絡|ご提示|ご教示|ご開示|ご報告|ご申告|ご添付",
            r"(?:ください|下さい|くださ|いただ|頂|願|をお願い)",
        ),
        _each("送っ|教え", r"て(?=[。！!？?\s]|$)"),
    ]
)
_KO_REQUEST = _each(
    "보내|알려|말씀해|말해|공유해|제공해|전송해|전달해|첨부해|업로드해|적어|써|불러|읽어|제출해|제시해|보여",
    r"\s*(?:주|줘|줄|달라|줬|드려야)",
)
CJK_REQUEST = Family(
    cjk="""
    给我; 給我; 交给我; 交給我; 拿给我; 拿給我; 报给我; 報給我; 发我; 發我; 告诉; 告訴; 告知; 透露;
    说出;
    說出; 说一下; 說一下; 讲一下; 講一下; 报一下; 報一下; 念一下; 读一下; 讀一下; 念给; 念給; 读给;
    讀給;
    回复; 回覆; 私信; 私訊; 出示; 提交; 上传; 上傳; 附上; 分享; 共享; 索要; 索取; 核实; 核實; 核对;
    核對;
    截图给; 截圖給; 拍给; 拍給
    """,
    cjk_extra=rf"提供(?<!我们提供)(?<!我們提供)(?<!为您提供)(?<!為您提供)|{_JA_REQUEST}|{_KO_REQUEST}",
)
# 发/發 "send", unless it is part of another word (发现 "find", 开发 "develop") or the sender is
# the system ("已发送", "重新发送").
CJK_SEND = Family(
    cjk_extra=(
        r"[发發](?<![开開出突爆引散激批自揭触觸颁頒分签簽研收已会會将將刚剛再击擊][发發])(?<!重新[发發])送?"
        r"(?![生现現布佈行起票展放表作明达達财財酵烧燒挥揮育音言怒掘售货貨源射热熱动動病觉覺帖型卡光亮])"
    )
)
# Typing or pasting: only a request when the place is this conversation.
CJK_ENTRY = Family(
    cjk="""
    输入; 輸入; 填写; 填寫; 填入; 粘贴; 粘貼; 貼上; 黏貼; 复制; 複製; 键入; 鍵入; 打在; 写在; 寫在;
    发在;
    發在; 贴在; 貼在
    """,
    cjk_extra="|".join(
        [
            _each("入力し|記入し|貼り付け|貼っ|ペーストし|コピーし", "て" + _JA_POLITE),
            _each("ご入力|ご記入", r"(?:ください|下さい|いただ|頂|願)"),
            _each(r"입력해|입력하여|기입해|붙여\s*넣어|붙여넣기\s*해|복사해", r"\s*(?:주|줘|줄)"),
        ]
    ),
)
# "I need ..." in Chinese ("提币需要验证码" - the withdrawal needs it - is no request).
CJK_NEED = Family(
    cjk_extra=r"(?:我|我们|我們)(?:这边|這邊)?(?:还|還|先|现在|現在)?(?:需要|得要|要)"
)
# Any of these next to the verb means the text tells the customer what they will receive.
TO_CUSTOMER = re.compile(
    r"给您|給您|向您|为您|為您|给你|給你|向你|到您|至您|到你|至你|给用户|給用戶|お客様へ|고객님께"
)
CJK_DESTINATION = re.compile(
    r"这里|這裡|这儿|這兒|此处|此處|在此|下方|下面|聊天|对话|對話|回复|回覆|私信|私訊|这个链接|這個連結|该链接|"
    r"該連結|此链接|此連結|以下链接|以下連結|这个网站|這個網站|该网站|該網站|此网站|此網站|这个页面|這個頁面|"
    r"该页面|該頁面|此页面|此頁面|表单|表單|给我|給我|这边|這邊|窗口|視窗|"
    r"ここ|こちら|チャット|下記|以下|このページ|このリンク|このフォーム|このサイト|返信|メッセージ|この画面|"
    r"여기|이곳|채팅|아래|답장|답변|이 링크|이 페이지|이 사이트|메시지|댓글|이 창"
)
# Typing the object in ("输入验证码并提交"): the next verb is about the form, not the object.
ENTRY_STEM = re.compile(r"输入|輸入|填写|填寫|填入|入力|記入|입력|기입")
# Right after the object: "...是多少" "...は何ですか" "...가 뭐예요".
OBJECT_QUESTION_AFTER = re.compile(
    r"\s*(?:(?:是|为|為)?(?:多少|什么|什麼|啥)(?![位个個次秒分])"
    r"|(?:は|って)\s*(?:何|なん)(?:ですか|でしょうか|か)"
    r"|(?:이|가|은|는)?\s*(?:뭐|무엇|뭔)(?:예요|에요|인가요|입니까|이에요|죠|지요|야|니)?(?![가-힣]))"
)
# The Chinese "what is" needs "your" in front: "您的助记词是什么", not "助记词是什么".
ZH_POSSESSIVE_BEFORE = re.compile(r"(?:您|你)(?:的)?[^\s，,。]{0,4}$")
# "秘密鍵をお願いします", "비밀번호 부탁드립니다"
OBJECT_WEAK_AFTER = re.compile(
    r"\s*(?:(?:を|の(?:ご|お)?(?:提供|共有|送付|送信|提示|連絡|開示)(?:を)?)\s*(?:お願い|おねがい)"
    r"|(?:을|를)?\s*(?:부탁|주세요|주십시오|줘))"
)
# Words next to the object (a few characters either side) that make it a topic, not the thing
# asked for: whether it arrived, resetting it, the page it is typed on.
STATE_NEAR = re.compile(
    r"是否|有没有|有沒有|是不是|能否|能不能|可否|收不到|没收到|沒收到|未收到|没有收到|沒有收到|失效|过期|過期|"
    r"错误|錯誤|报错|報錯|不正确|不正確|无效|無效|绑定|綁定|解绑|解綁|开启|開啟|启用|啟用|关闭|關閉|设置|設置|"
    r"設定|重置|丢失|丟失|遗失|遺失|忘记|忘記|修改|更改|更换|更換|找回|备份|備份|保管|保存|抄写|抄寫|页面|頁面|"
    r"界面|介面|画面|畫面|按钮|按鈕|何时|何時|什么时候|什麼時候|多久|为什么|為什麼|怎么|怎麼|如何|强度|強度|"
    r"输错|輸錯|次数|次數|锁定|鎖定|位数|位數|格式|失败|失敗|成功|延迟|延遲|太慢|频繁|頻繁|上限|"
    r"届か|届き|届いていない|受信|受け取れ|有効|無効|期限|再設定|リセット|紛失|忘れ|変更|かどうか|ページ|"
    r"エラー|表示|間違|正しく|再送|再発行|ロック|強度|管理|保管|バックアップ|書き留|桁数|"
    r"받으셨|받지|못\s*받|수신|도착|오지|만료|유효|설정|재설정|초기화|분실|잃어버|잊어버|잊으|변경|여부|화면|"
    r"페이지|오류|에러|틀리|틀렸|잘못|재발송|재전송|강도|관리|보관|백업|자리수|형식"
)
