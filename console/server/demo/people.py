"""Names, places, phones and devices for the demo customers and their security events."""

from __future__ import annotations

import random
from dataclasses import dataclass


def _pairs(table: str) -> tuple[tuple[str, str], ...]:
    """Reads "汉字 romanisation" pairs separated by commas."""
    pairs = []
    for item in table.replace("\n", " ").split(","):
        native, roman = item.split()
        pairs.append((native, roman))
    return tuple(pairs)


ZH_SURNAMES = _pairs("""
王 wang, 李 li, 张 zhang, 刘 liu, 陈 chen, 杨 yang, 黄 huang, 赵 zhao, 吴 wu, 周 zhou,
徐 xu, 孙 sun, 林 lin, 郭 guo, 何 he, 高 gao, 罗 luo, 郑 zheng, 梁 liang, 谢 xie,
许 xu, 邓 deng, 冯 feng, 蔡 cai, 曾 zeng, 彭 peng, 萧 xiao, 潘 pan, 袁 yuan, 叶 ye
""")
ZH_GIVEN = _pairs("""
伟 wei, 芳 fang, 娜 na, 敏 min, 静 jing, 磊 lei, 强 qiang, 洋 yang, 艳 yan, 勇 yong,
杰 jie, 婷 ting, 子轩 zixuan, 浩然 haoran, 雨桐 yutong, 梓涵 zihan, 思远 siyuan,
嘉欣 jiaxin, 俊杰 junjie, 晓东 xiaodong, 文博 wenbo, 佳怡 jiayi, 志豪 zhihao,
家豪 jiahao, 欣怡 xinyi, 宇航 yuhang, 明辉 minghui, 丽华 lihua, 建国 jianguo,
一凡 yifan, 诗涵 shihan, 振宇 zhenyu
""")
# Hong Kong, Singapore and Malaysian customers often sign with a romanised name.
ZH_ROMANISED = (
    "Kelvin Chan", "Wing Lam", "Jacky Wong", "Ivy Cheung", "Marcus Tan", "Grace Lim",
    "Alvin Ng", "Cheryl Goh", "Benson Lau", "Vivian Ho", "Desmond Yeo", "Kenny Leung",
)  # fmt: skip
EN_FIRST = (
    "James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sophia",
    "Daniel", "Chloe", "Ryan", "Grace", "Nathan", "Hannah", "Aaron", "Zoe", "Samuel", "Leah",
    "Marcus", "Priya", "Tunde", "Amara", "Diego", "Lucia", "Mehmet", "Elif", "Jonas", "Freya",
    "Connor", "Isla", "Mateo", "Sofia", "Kwame", "Ngozi", "Arjun", "Fatima", "Oliver", "Ruby",
)  # fmt: skip
EN_LAST = (
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Carter", "Walker", "Hughes", "Bennett",
    "Murphy", "Collins", "Reid", "Foster", "Hayes", "Patel", "Okafor", "Adeyemi", "Mensah",
    "Garcia", "Silva", "Yilmaz", "Demir", "Müller", "Schmidt", "de Vries", "Jansen", "Kowalski",
    "Novak", "Rossi", "O'Brien", "Nguyen", "Santos", "Kaya", "Fischer", "Lindqvist", "Moreau",
)  # fmt: skip
JA_NAMES = _pairs("""
佐藤 sato, 鈴木 suzuki, 高橋 takahashi, 田中 tanaka, 伊藤 ito, 渡辺 watanabe,
山本 yamamoto, 中村 nakamura, 小林 kobayashi, 加藤 kato, 吉田 yoshida, 山田 yamada
""")
JA_GIVEN = _pairs("""
健 ken, 翔太 shota, 陽菜 hina, 結衣 yui, 大輝 daiki, 美咲 misaki, 拓海 takumi,
さくら sakura, 蓮 ren, 葵 aoi
""")
KO_SURNAMES = _pairs("""
김 kim, 이 lee, 박 park, 최 choi, 정 jung, 강 kang, 조 cho, 윤 yoon, 장 jang, 임 lim
""")
KO_GIVEN = _pairs("""
민준 minjun, 서연 seoyeon, 도윤 doyoon, 지우 jiwoo, 하준 hajun, 서윤 seoyun,
예준 yejun, 수아 sua, 지호 jiho, 하은 haeun, 현우 hyunwoo, 지민 jimin
""")

EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example", "inbox.example")

REGIONS: dict[str, tuple[tuple[str, int], ...]] = {
    "zh": (("HK", 24), ("TW", 24), ("SG", 14), ("MY", 14), ("AU", 6), ("CA", 6), ("US", 6),
           ("GB", 3), ("AE", 3)),
    "en": (("US", 20), ("GB", 14), ("CA", 8), ("AU", 8), ("DE", 6), ("NL", 4), ("NG", 7),
           ("PH", 5), ("AE", 5), ("TR", 5), ("BR", 4), ("ZA", 4), ("SG", 4), ("IE", 3), ("NZ", 3)),
    "ja": (("JP", 90), ("SG", 5), ("US", 5)),
    "ko": (("KR", 90), ("US", 5), ("AU", 5)),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class City:
    en: str
    zh: str
    ja: str
    ko: str

    def name(self, lang: str) -> str:
        return {"zh": self.zh, "ja": self.ja, "ko": self.ko}.get(lang, self.en)


# region | English | Chinese | Japanese | Korean
_CITY_TABLE = """
HK|Hong Kong|香港|香港|홍콩
TW|Taipei|台北|台北|타이베이
TW|Taichung|台中|台中|타이중
TW|Kaohsiung|高雄|高雄|가오슝
SG|Singapore|新加坡|シンガポール|싱가포르
MY|Kuala Lumpur|吉隆坡|クアラルンプール|쿠알라룸푸르
MY|Penang|槟城|ペナン|페낭
AU|Sydney|悉尼|シドニー|시드니
AU|Melbourne|墨尔本|メルボルン|멜버른
CA|Toronto|多伦多|トロント|토론토
CA|Vancouver|温哥华|バンクーバー|밴쿠버
US|New York|纽约|ニューヨーク|뉴욕
US|San Francisco|旧金山|サンフランシスコ|샌프란시스코
US|Austin|奥斯汀|オースティン|오스틴
US|Miami|迈阿密|マイアミ|마이애미
GB|London|伦敦|ロンドン|런던
GB|Manchester|曼彻斯特|マンチェスター|맨체스터
AE|Dubai|迪拜|ドバイ|두바이
DE|Berlin|柏林|ベルリン|베를린
DE|Munich|慕尼黑|ミュンヘン|뮌헨
NL|Amsterdam|阿姆斯特丹|アムステルダム|암스테르담
NG|Lagos|拉各斯|ラゴス|라고스
NG|Abuja|阿布贾|アブジャ|아부자
PH|Manila|马尼拉|マニラ|마닐라
PH|Cebu|宿务|セブ|세부
TR|Istanbul|伊斯坦布尔|イスタンブール|이스탄불
BR|São Paulo|圣保罗|サンパウロ|상파울루
ZA|Johannesburg|约翰内斯堡|ヨハネスブルグ|요하네스버그
IE|Dublin|都柏林|ダブリン|더블린
NZ|Auckland|奥克兰|オークランド|오클랜드
JP|Tokyo|东京|東京|도쿄
JP|Osaka|大阪|大阪|오사카
JP|Fukuoka|福冈|福岡|후쿠오카
KR|Seoul|首尔|ソウル|서울
KR|Busan|釜山|釜山|부산
KR|Incheon|仁川|仁川|인천
VN|Ho Chi Minh City|胡志明市|ホーチミン|호찌민
TH|Bangkok|曼谷|バンコク|방콕
"""


def _cities(table: str) -> dict[str, tuple[City, ...]]:
    out: dict[str, list[City]] = {}
    for line in table.strip().splitlines():
        region, en, zh, ja, ko = line.split("|")
        out.setdefault(region, []).append(City(en, zh, ja, ko))
    return {region: tuple(cities) for region, cities in out.items()}


CITIES = _cities(_CITY_TABLE)

DEVICES = (
    "iPhone 16 Pro (iOS 18.2)", "iPhone 15 (iOS 18.1)", "iPhone 13 mini (iOS 17.6)",
    "Pixel 9 (Android 15)", "Galaxy S24 Ultra (Android 14)", "Galaxy A54 (Android 14)",
    "Xiaomi 14 (HyperOS 1.0)", "Redmi Note 13 (Android 14)", "OPPO Find X7 (ColorOS 14)",
    "Huawei Mate 60 Pro (HarmonyOS 4.2)", "vivo X100 (OriginOS 4)", "iPad Air (iPadOS 17.5)",
    "MacBook Pro · Chrome 131", "MacBook Air · Safari 18.1", "Windows 11 · Chrome 131",
    "Windows 11 · Edge 131", "Windows 10 · Firefox 133", "Ubuntu 24.04 · Firefox 133",
)  # fmt: skip

# Documentation address ranges (RFC 5737 / RFC 3849): realistic-looking, never a real host.
_IPV4_NETS = ("192.0.2.", "198.51.100.", "203.0.113.")


def ip_address(rng: random.Random) -> str:
    if rng.random() < 0.08:
        return f"2001:db8:{rng.randint(1, 0xFFFF):x}::{rng.randint(1, 0xFFFF):x}"
    return rng.choice(_IPV4_NETS) + str(rng.randint(2, 254))


def pick_region(rng: random.Random, lang: str) -> str:
    codes, weights = zip(*REGIONS[lang], strict=True)
    return rng.choices(codes, weights)[0]


def pick_city(rng: random.Random, region: str) -> City:
    return rng.choice(CITIES.get(region, CITIES["SG"]))


def foreign_city(rng: random.Random, region: str) -> City:
    """A city far from the customer's home, as seen in a suspicious login."""
    others = [r for r in CITIES if r != region]
    return rng.choice(CITIES[rng.choice(others)])


@dataclass(frozen=True, slots=True)
class Person:
    display_name: str
    email: str
    phone: str | None


def _email(rng: random.Random, local: str) -> str:
    suffix = rng.choice(("", "", str(rng.randint(1, 99)), str(rng.randint(1970, 2006))))
    return f"{local}{suffix}@{rng.choice(EMAIL_DOMAINS)}"


def _phone(rng: random.Random, region: str) -> str | None:
    if rng.random() < 0.18:
        return None
    d = rng.randint
    match region:
        case "HK":
            return f"+852 {rng.choice('569')}{d(100, 999)} {d(1000, 9999)}"
        case "TW":
            return f"+886 9{d(10, 89)} {d(100, 999)} {d(100, 999)}"
        case "SG":
            return f"+65 {rng.choice('89')}{d(100, 999)} {d(1000, 9999)}"
        case "MY":
            return f"+60 1{d(0, 9)}-{d(100, 999)} {d(1000, 9999)}"
        case "US" | "CA":
            return f"+1 {d(201, 989)} 555 01{d(0, 99):02d}"  # 555-01xx is reserved for fiction
        case "GB":
            return f"+44 7700 900{d(0, 999):03d}"  # Ofcom's range for drama
        case "AU":
            return f"+61 491 570 {d(100, 999)}"  # ACMA's range for fiction
        case "JP":
            return f"+81 {rng.choice(('70', '80', '90'))}-{d(1000, 9999)}-{d(1000, 9999)}"
        case "KR":
            return f"+82 10-{d(1000, 9999)}-{d(1000, 9999)}"
        case "DE":
            return f"+49 15{d(1, 9)} {d(1000000, 9999999)}"
        case "NG":
            return f"+234 80{d(1, 9)} {d(100, 999)} {d(1000, 9999)}"
        case _:
            return f"+971 5{d(0, 8)} {d(100, 999)} {d(1000, 9999)}" if region == "AE" else None


def person(rng: random.Random, lang: str, region: str) -> Person:
    if lang == "zh":
        if region in {"HK", "SG", "MY"} and rng.random() < 0.3:
            name = rng.choice(ZH_ROMANISED)
            local = name.lower().replace(" ", rng.choice((".", "_", "")))
            return Person(name, _email(rng, local), _phone(rng, region))
        (sur, sur_py), (given, given_py) = rng.choice(ZH_SURNAMES), rng.choice(ZH_GIVEN)
        local = rng.choice((f"{sur_py}{given_py}", f"{given_py}.{sur_py}", f"{sur_py}_{given_py}"))
        return Person(sur + given, _email(rng, local), _phone(rng, region))
    if lang == "ja":
        (sur, sur_r), (given, given_r) = rng.choice(JA_NAMES), rng.choice(JA_GIVEN)
        local = rng.choice((f"{given_r}.{sur_r}", f"{sur_r}{given_r}"))
        return Person(f"{sur} {given}", _email(rng, local), _phone(rng, region))
    if lang == "ko":
        (sur, sur_r), (given, given_r) = rng.choice(KO_SURNAMES), rng.choice(KO_GIVEN)
        local = rng.choice((f"{given_r}.{sur_r}", f"{sur_r}{given_r}"))
        return Person(sur + given, _email(rng, local), _phone(rng, region))
    first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
    plain = last.lower().replace(" ", "").replace("'", "").replace("ü", "ue")
    local = rng.choice((f"{first.lower()}.{plain}", f"{first[0].lower()}{plain}", first.lower()))
    return Person(f"{first} {last}", _email(rng, local), _phone(rng, region))
