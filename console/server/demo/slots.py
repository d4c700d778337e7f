"""The facts of one case (asset, hash, order id, city, device…) that fill a ticket's templates.

All messages of a ticket are filled from the same slots, so the agent's reply quotes the hash
the customer sent. Where the case is about a transfer, the customer's own transfer is used when
they have a fitting one, so the customer panel matches the conversation.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from console.core.domain import TransferStatus

from . import chain, people
from .customers import call_name
from .model import DemoCustomer, DemoTransfer
from .texts import Scenario

_PRICES = {
    "BTC": 95_000.0, "ETH": 3_400.0, "SOL": 180.0, "XRP": 2.2, "DOGE": 0.35, "TON": 5.5,
    "LINK": 22.0, "AVAX": 38.0, "SUI": 4.2, "ARB": 0.8, "PEPE": 0.000018, "WLD": 2.1,
}  # fmt: skip
_LEVERAGE = ("3x", "5x", "10x", "20x", "25x", "50x", "75x", "100x")
_FIAT = {
    "HK": ("HKD", 7.8), "TW": ("TWD", 32.5), "SG": ("SGD", 1.35), "MY": ("MYR", 4.5),
    "US": ("USD", 1.0), "CA": ("CAD", 1.38), "AU": ("AUD", 1.55), "GB": ("GBP", 0.79),
    "DE": ("EUR", 0.93), "NL": ("EUR", 0.93), "IE": ("EUR", 0.93), "NG": ("NGN", 1_600.0),
    "PH": ("PHP", 58.0), "TR": ("TRY", 34.0), "BR": ("BRL", 5.8), "ZA": ("ZAR", 18.5),
    "AE": ("AED", 3.67), "JP": ("JPY", 152.0), "KR": ("KRW", 1_390.0), "NZ": ("NZD", 1.7),
}  # fmt: skip
_PAY_METHOD = {
    "HK": "FPS", "SG": "PayNow", "MY": "DuitNow", "GB": "Faster Payments", "DE": "SEPA",
    "NL": "SEPA", "IE": "SEPA", "PH": "GCash", "BR": "PIX",
}  # fmt: skip
_BANK_TRANSFER = {"zh": "银行转账", "en": "bank transfer", "ja": "銀行振込", "ko": "계좌이체"}
_MERCHANTS = (
    "GoldenBridgeOTC", "FastTrade_HK", "安心商家88", "TrustDesk", "NightOwlOTC", "币圈老张",
    "SafeSwap_SG", "BlueHarbor", "QuickUSDT", "MapleOTC", "LionCityTrade", "诚信快付",
)  # fmt: skip
_PRODUCTS = {
    "zh": ("USDT 定期 30 天", "USDC 定期 60 天", "ETH 定期 90 天", "SOL 定期 30 天",
           "BTC 定期 120 天"),
    "en": ("USDT 30-day Locked", "USDC 60-day Locked", "ETH 90-day Locked", "SOL 30-day Locked",
           "BTC 120-day Locked"),
    "ja": ("USDT 30日ロック", "USDC 60日ロック", "ETH 90日ロック"),
    "ko": ("USDT 30일 고정", "USDC 60일 고정", "ETH 90일 고정"),
}  # fmt: skip
_API_ERRORS = {
    "40101": "INVALID_SIGNATURE: Signature for this request is not valid",
    "40102": "INVALID_API_KEY: API key does not exist",
    "40103": "TIMESTAMP_EXPIRED: Timestamp is outside of the recvWindow",
    "40301": "IP_NOT_ALLOWED: Request IP is not in the API key allowlist",
    "40012": "PERMISSION_DENIED: API key has no permission for this endpoint",
    "42901": "TOO_MANY_REQUESTS: Rate limit exceeded, retry after 1000 ms",
}
_API_CODE_FOR = {
    "api_signature": "40101", "api_timestamp": "40103", "api_rate_limit": "42901",
    "api_ip_whitelist": "40301", "api_permission": "40012", "api_key_expired": "40102",
}  # fmt: skip
_ENDPOINTS = ("POST /api/v1/spot/order", "POST /api/v1/futures/order", "POST /api/v1/spot/batch",
              "DELETE /api/v1/spot/order", "GET /api/v1/account/balance")  # fmt: skip
_CHAINS = {
    "Ethereum": (("PEPE", "UNI", "LINK", "ENA"), "ETH", 0.0009, 0.006),
    "Arbitrum": (("ARB", "GMX", "PENDLE"), "ETH", 0.00003, 0.0004),
    "BNB Chain": (("CAKE", "XVS", "TWT"), "BNB", 0.0002, 0.0015),
    "Solana": (("JUP", "WIF", "BONK", "RAY"), "SOL", 0.000005, 0.0009),
    "Base": (("AERO", "DEGEN", "BRETT"), "ETH", 0.00001, 0.0002),
}  # fmt: skip
_MAKER_TAKER = ("0.100%/0.100%", "0.090%/0.100%", "0.080%/0.095%", "0.070%/0.090%",
                "0.060%/0.085%", "0.050%/0.080%", "0.040%/0.070%", "0.030%/0.060%",
                "0.020%/0.050%", "0.010%/0.040%")  # fmt: skip
_DOCS = {
    "zh": ("护照", "身份证", "驾驶执照"),
    "en": ("passport", "national ID card", "driving licence"),
    "ja": ("パスポート", "運転免許証", "マイナンバーカード"),
    "ko": ("여권", "주민등록증", "운전면허증"),
}
_KYC_TEXT = {
    "zh": ("未认证", "基础认证", "中级认证", "高级认证"),
    "en": ("unverified", "Level 1 verified", "Level 2 verified", "Level 3 verified"),
    "ja": ("未認証", "レベル1認証済み", "レベル2認証済み", "レベル3認証済み"),
    "ko": ("미인증", "1단계 인증", "2단계 인증", "3단계 인증"),
}
_SIDE = {
    "zh": ("买入", "卖出"),
    "en": ("buy", "sell"),
    "ja": ("買い", "売り"),
    "ko": ("매수", "매도"),
}
_PERP = {"zh": "{}USDT 永续", "en": "{}USDT Perp", "ja": "{}USDT 無期限", "ko": "{}USDT 무기한"}
_NETWORK_FEE_USD = {
    "BTC": 14.0, "ERC20": 4.0, "BEP20": 0.25, "ARBITRUM": 0.4, "OPTIMISM": 0.3, "BASE": 0.3,
    "TRC20": 1.5, "SOL": 0.6, "XRP": 0.5, "TON": 0.3, "DOGE": 1.5,
}  # fmt: skip
# Statuses that make the complaint plausible, per scenario.
_WANTED_STATUS = {
    "dep_not_credited": (TransferStatus.CONFIRMING, TransferStatus.UNDER_REVIEW),
    "dep_exchange_pending": (TransferStatus.PENDING, TransferStatus.CONFIRMING),
    "dep_btc_slow": (TransferStatus.CONFIRMING, TransferStatus.PENDING),
    "wd_under_review": (TransferStatus.UNDER_REVIEW,),
    "wd_not_received": (TransferStatus.COMPLETED,),
    "wd_failed_fee": (TransferStatus.FAILED,),
}


# Deposits the exchange never recognised do not show up in the customer's history.
_NEVER_CREDITED = frozenset({"dep_wrong_network", "dep_missing_memo", "dep_unsupported_token"})


def _date(moment: datetime, language: str) -> str:
    if language == "en":
        return moment.strftime("%b ") + str(moment.day)
    if language == "ko":
        return f"{moment.month}월 {moment.day}일"
    return f"{moment.month}月{moment.day}日"


def _number(value: float, places: int = 2) -> str:
    return f"{value:,.{places}f}"


def _price(value: float) -> str:
    if value >= 1000:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.3f}"
    return f"{value:.8f}".rstrip("0")


def _own_transfer(
    rng: random.Random, customer: DemoCustomer, scenario: Scenario
) -> DemoTransfer | None:
    fitting = [
        t
        for t in customer.transfers
        if t.direction == scenario.transfer and (not scenario.assets or t.asset in scenario.assets)
    ]
    if scenario.key in _NEVER_CREDITED:
        return None
    wanted = _WANTED_STATUS.get(scenario.key)
    preferred = [t for t in fitting if wanted and t.status in wanted]
    if preferred:
        return rng.choice(preferred)
    if fitting and not wanted and rng.random() < 0.7:
        return rng.choice(fitting)
    return None


def _transfer_slots(
    rng: random.Random, customer: DemoCustomer, scenario: Scenario
) -> dict[str, str]:
    own = _own_transfer(rng, customer, scenario) if scenario.transfer else None
    if own is not None:
        asset = chain.ASSETS[own.asset]
        network, value, address = own.network, own.amount, own.address
        tx, conf = own.tx_hash or "", own.confirmations
    else:
        asset = chain.pick_asset(rng, scenario.assets)
        allowed = [n for n in asset.networks if n in scenario.networks]
        network = rng.choice(allowed) if allowed else chain.pick_network(rng, asset).code
        value, address = chain.amount(rng, asset), chain.address(rng, network)
        tx = chain.tx_hash(rng, network)
        need = chain.NETWORKS[network].confirmations
        conf = need + rng.randint(0, 3 * need + 5) if rng.random() < 0.7 else rng.randint(0, need)
    need = chain.NETWORKS[network].confirmations
    fee = Decimal(
        f"{_NETWORK_FEE_USD[network] / asset.usd * rng.uniform(0.8, 1.6):.{asset.places}f}"
    )
    return {
        "asset": asset.code,
        "network": network,
        "network_alt": chain.other_network(rng, asset, network),
        "amount": str(value),
        "tx": tx,
        "tx_short": chain.short(tx, 10, 6) if tx else "",
        "address": address,
        "addr_short": chain.short(address),
        "conf": str(conf),
        "need": str(need),
        "memo": chain.memo(rng, network),
        "wd_fee": str(fee),
    }


class CaseFacts(dict[str, str]):
    """Slot values of one case, each group computed the first time a template asks for it."""

    def __init__(
        self, rng: random.Random, customer: DemoCustomer, scenario: Scenario, created: datetime
    ) -> None:
        super().__init__(
            name=call_name(customer), customer_name=customer.display_name, uid=customer.uid
        )
        self.rng, self.customer, self.scenario, self.created = rng, customer, scenario, created

    def __missing__(self, key: str) -> str:
        group = _GROUP_OF.get(key)
        if group is None:
            raise KeyError(key)
        self.update(group(self))
        return self[key]


def _time(f: CaseFacts) -> dict[str, str]:
    ago = timedelta(minutes=int(120 * (48 ** f.rng.random())))  # 2 h .. 4 days, mostly recent
    incident = f.created - ago
    return {
        "date": _date(incident, f.customer.language),
        "time": incident.strftime("%H:%M"),
        "hours": str(max(2, int(ago.total_seconds() // 3600))),
        "days": str(max(2, round(ago.total_seconds() / 86400))),
        "minutes": str(f.rng.randint(20, 180)),
    }


def _references(f: CaseFacts) -> dict[str, str]:
    return {
        "ref": f"#{f.rng.randint(100_000, 999_999)}",
        "case": f"SEC-{f.rng.randint(10_000, 99_999)}",
    }


def _access(f: CaseFacts) -> dict[str, str]:
    rng, lang = f.rng, f.customer.language
    return {
        "city": people.foreign_city(rng, f.customer.region).name(lang),
        "city_home": people.pick_city(rng, f.customer.region).name(lang),
        "device": rng.choice(people.DEVICES),
        "ip": people.ip_address(rng),
        "api_label": f"{rng.choice(('bot', 'trade', 'sync', 'api'))}-{rng.randint(1, 99):02d}",
    }


def _market(f: CaseFacts) -> dict[str, str]:
    rng, lang = f.rng, f.customer.language
    base = rng.choice(tuple(_PRICES))
    price = _PRICES[base] * rng.uniform(0.93, 1.07)
    notional = 50 * (400 ** rng.random())
    return {
        "pair": f"{base}/USDT",
        "base": base,
        "price": _price(price),
        "qty": _price(notional / price) if price < 1 else f"{notional / price:.4f}",
        "order": str(rng.randint(10**17, 10**18 - 1)),
        "side": rng.choice(_SIDE[lang]),
        "symbol": _PERP[lang].format(base),
        "leverage": rng.choice(_LEVERAGE),
        "liq_price": _price(price * rng.uniform(0.9, 0.97)),
        "mark_price": _price(price * rng.uniform(0.9, 0.97)),
        "loss": _number(30 * (300 ** rng.random())),
        "funding": f"{rng.choice((0.03, 0.05, 0.075, 0.1, 0.15, 0.25)):.4f}%",
        "usdt_amount": _number(50 * (400 ** rng.random())),
    }


def _p2p(f: CaseFacts) -> dict[str, str]:
    rng, region = f.rng, f.customer.region
    fiat, rate = _FIAT.get(region, ("USD", 1.0))
    places = 0 if fiat in ("JPY", "KRW", "NGN", "TWD") else 2
    return {
        "p2p_order": "22" + f.created.strftime("%y%m%d") + str(rng.randint(10**11, 10**12 - 1)),
        "fiat": fiat,
        "fiat_amount": _number(50 * (400 ** rng.random()) * rate, places),
        "pay_method": _PAY_METHOD.get(region, _BANK_TRANSFER[f.customer.language]),
        "merchant": rng.choice(_MERCHANTS),
    }


def _earn(f: CaseFacts) -> dict[str, str]:
    rng = f.rng
    return {
        "product": rng.choice(_PRODUCTS[f.customer.language]),
        "apr": f"{rng.choice((2.8, 3.5, 4.2, 5.0, 6.5, 8.0, 12.0)):.2f}%",
        "earn_amount": _number(100 * (300 ** rng.random()), 0),
    }


def _api(f: CaseFacts) -> dict[str, str]:
    code = _API_CODE_FOR.get(f.scenario.key) or f.rng.choice(tuple(_API_ERRORS))
    return {"api_code": code, "api_msg": _API_ERRORS[code], "endpoint": f.rng.choice(_ENDPOINTS)}


def _web3(f: CaseFacts) -> dict[str, str]:
    rng = f.rng
    name = rng.choice(tuple(_CHAINS))
    tokens, gas_asset, gas_low, gas_high = _CHAINS[name]
    return {
        "chain": name,
        "token": rng.choice(tokens),
        "gas": f"{rng.uniform(gas_low, gas_high):.6f} {gas_asset}",
        "dex_tx": chain.tx_hash(rng, "SOL" if name == "Solana" else "ERC20"),
    }


def _account(f: CaseFacts) -> dict[str, str]:
    rng, lang = f.rng, f.customer.language
    vip = f.customer.vip_tier or rng.randint(1, 3)
    maker, taker = _MAKER_TAKER[vip].split("/")
    return {
        "vip": str(vip),
        "maker": maker,
        "taker": taker,
        "volume": _number(100_000 * (500 ** rng.random()), 0),
        "fee_amount": _number(0.5 * (200 ** rng.random())),
        "doc": rng.choice(_DOCS[lang]),
        "kyc_text": _KYC_TEXT[lang][f.customer.kyc_level],
    }


def _transfer(f: CaseFacts) -> dict[str, str]:
    return _transfer_slots(f.rng, f.customer, f.scenario)


_GROUP_OF: dict[str, Callable[[CaseFacts], dict[str, str]]] = {}
for _group, _keys in (
    (_time, "date time hours days minutes"),
    (_references, "ref case"),
    (_access, "city city_home device ip api_label"),
    (_market, "pair base price qty order side symbol leverage liq_price mark_price loss funding "
     "usdt_amount"),
    (_p2p, "p2p_order fiat fiat_amount pay_method merchant"),
    (_earn, "product apr earn_amount"),
    (_api, "api_code api_msg endpoint"),
    (_web3, "chain token gas dex_tx"),
    (_account, "vip maker taker volume fee_amount doc kyc_text"),
    (_transfer, "asset network network_alt amount tx tx_short address addr_short conf need memo "
     "wd_fee"),
):  # fmt: skip
    _GROUP_OF.update(dict.fromkeys(_keys.split(), _group))


def make_slots(
    rng: random.Random, customer: DemoCustomer, scenario: Scenario, created: datetime
) -> CaseFacts:
    return CaseFacts(rng, customer, scenario, created)
