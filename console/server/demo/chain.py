"""On-chain vocabulary: which asset travels on which network, and what its addresses,
transaction ids and amounts look like there."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

EVM_NETWORKS = frozenset({"ERC20", "BEP20", "ARBITRUM", "OPTIMISM", "BASE"})


@dataclass(frozen=True, slots=True)
class Network:
    code: str
    confirmations: int  # needed before a deposit is credited
    address_kind: str  # "evm", "btc", "tron", "sol", "xrp", "ton", "doge"
    needs_memo: bool = False


NETWORKS: dict[str, Network] = {
    n.code: n
    for n in (
        Network("BTC", 2, "btc"),
        Network("ERC20", 12, "evm"),
        Network("BEP20", 15, "evm"),
        Network("ARBITRUM", 20, "evm"),
        Network("OPTIMISM", 20, "evm"),
        Network("BASE", 20, "evm"),
        Network("TRC20", 19, "tron"),
        Network("SOL", 1, "sol"),
        Network("XRP", 1, "xrp", needs_memo=True),
        Network("TON", 1, "ton", needs_memo=True),
        Network("DOGE", 40, "doge"),
    )
}


@dataclass(frozen=True, slots=True)
class Asset:
    code: str
    networks: tuple[str, ...]
    low: float  # typical retail amount range
    high: float
    places: int  # decimals shown
    usd: float  # rough price, for notional-based rules (large withdrawals, VIP tiers)


ASSETS: dict[str, Asset] = {
    a.code: a
    for a in (
        Asset("BTC", ("BTC", "BEP20"), 0.0008, 1.8, 8, 95_000),
        Asset("ETH", ("ERC20", "ARBITRUM", "OPTIMISM", "BASE", "BEP20"), 0.02, 25, 6, 3_400),
        Asset("USDT", ("TRC20", "ERC20", "BEP20", "SOL", "ARBITRUM", "TON"), 20, 60_000, 2, 1),
        Asset("USDC", ("ERC20", "SOL", "BASE", "ARBITRUM", "BEP20"), 20, 40_000, 2, 1),
        Asset("SOL", ("SOL",), 0.5, 400, 4, 180),
        Asset("TRX", ("TRC20",), 100, 250_000, 2, 0.2),
        Asset("XRP", ("XRP",), 25, 30_000, 2, 2.2),
        Asset("TON", ("TON",), 5, 8_000, 3, 5.5),
        Asset("DOGE", ("DOGE", "BEP20"), 150, 120_000, 2, 0.35),
        Asset("BNB", ("BEP20",), 0.05, 40, 5, 620),
    )
}

# Weighted by how often retail users move them.
ASSET_WEIGHTS: dict[str, int] = {
    "USDT": 34,
    "BTC": 14,
    "ETH": 13,
    "USDC": 9,
    "SOL": 8,
    "TRX": 5,
    "XRP": 6,
    "TON": 4,
    "DOGE": 4,
    "BNB": 3,
}


def pick_asset(rng: random.Random, only: tuple[str, ...] = ()) -> Asset:
    codes = only or tuple(ASSET_WEIGHTS)
    weights = [ASSET_WEIGHTS.get(c, 1) for c in codes]
    return ASSETS[rng.choices(codes, weights)[0]]


def pick_network(rng: random.Random, asset: Asset) -> Network:
    # The first listed network is the common one for that asset.
    weights = [6] + [2] * (len(asset.networks) - 1)
    return NETWORKS[rng.choices(asset.networks, weights)[0]]


def other_network(rng: random.Random, asset: Asset, used: str) -> str:
    """A network the customer should have picked instead (for "wrong network" cases)."""
    options = [n for n in asset.networks if n != used]
    # Mix-ups happen between networks whose addresses look alike (ERC20 and BEP20, say).
    alike = [n for n in options if NETWORKS[n].address_kind == NETWORKS[used].address_kind]
    options = alike or options
    if not options:
        options = [n for n in ("BEP20", "ERC20", "TRC20") if n != used]
    return rng.choice(options)


def amount(rng: random.Random, asset: Asset) -> Decimal:
    # Log-uniform: many small transfers, a few large ones.
    low, high = asset.low, asset.high
    value = low * (high / low) ** rng.random()
    if asset.places <= 2 and value > 200:
        value = round(value, -1) if rng.random() < 0.6 else value
    return Decimal(f"{value:.{asset.places}f}")


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choices(alphabet, k=n))


def _hex(rng: random.Random, n: int) -> str:
    return f"{rng.getrandbits(4 * n):0{n}x}"


def address(rng: random.Random, network: str) -> str:
    kind = NETWORKS[network].address_kind
    if kind == "evm":
        return "0x" + _hex(rng, 40)
    if kind == "btc":
        roll = rng.random()
        if roll < 0.6:
            return "bc1q" + _pick(rng, BECH32, 38)
        if roll < 0.75:
            return "bc1p" + _pick(rng, BECH32, 58)
        return rng.choice("13") + _pick(rng, BASE58, 33)
    if kind == "tron":
        return "T" + _pick(rng, BASE58, 33)
    if kind == "sol":
        return _pick(rng, BASE58, 44)
    if kind == "xrp":
        return "r" + _pick(rng, BASE58, 33)
    if kind == "ton":
        return rng.choice(("UQ", "EQ")) + _pick(rng, BASE64URL, 46)
    return "D" + _pick(rng, BASE58, 33)


def tx_hash(rng: random.Random, network: str) -> str:
    kind = NETWORKS[network].address_kind
    if kind == "evm":
        return "0x" + _hex(rng, 64)
    if kind == "sol":
        # Solana identifies a transaction by its base58 signature, not a hex hash.
        return _pick(rng, BASE58, 88)
    if kind == "xrp":
        return _hex(rng, 64).upper()
    return _hex(rng, 64)


def memo(rng: random.Random, network: str) -> str:
    if network == "XRP":
        return str(rng.randint(100_000_000, 4_294_967_295))  # destination tag
    return str(rng.randint(100_000_000, 999_999_999))


def short(value: str, head: int = 6, tail: int = 4) -> str:
    return value if len(value) <= head + tail + 1 else f"{value[:head]}…{value[-tail:]}"
