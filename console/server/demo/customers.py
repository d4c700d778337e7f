"""Demo customers: who they are, what they moved on-chain and what happened to their accounts."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import TypeVar

from console.core.domain import AccountStatus, SecurityEventKind, TransferStatus

from . import chain, people
from .model import DemoCustomer, DemoSecurityEvent, DemoTransfer

T = TypeVar("T")
WINDOW = timedelta(days=30)

LANGUAGE_WEIGHTS = (("zh", 46), ("en", 46), ("ja", 4), ("ko", 4))
VIP_WEIGHTS = (70, 10, 6, 4.5, 3, 2, 1.6, 1.2, 0.9, 0.8)  # tiers 0..9: a long thin tail
KYC_WEIGHTS = (5, 22, 58, 15)

_DEPOSIT_STATUS = (
    (TransferStatus.COMPLETED, 76),
    (TransferStatus.CONFIRMING, 10),
    (TransferStatus.PENDING, 4),
    (TransferStatus.UNDER_REVIEW, 6),
    (TransferStatus.FAILED, 4),
)
_WITHDRAWAL_STATUS = (
    (TransferStatus.COMPLETED, 68),
    (TransferStatus.PENDING, 8),
    (TransferStatus.UNDER_REVIEW, 13),
    (TransferStatus.CONFIRMING, 5),
    (TransferStatus.FAILED, 6),
)

_API_LABELS = ("grid-bot", "tradingview", "portfolio-read", "quant-01", "tax-export", "dca-script")
_API_SCOPES = ("read only", "read, spot trade", "read, futures trade", "read, spot + futures")


def _weighted(rng: random.Random, table: tuple[tuple[T, int], ...]) -> T:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def _moment(rng: random.Random, now: datetime, recent_bias: float = 1.0) -> datetime:
    # recent_bias > 1 crowds events toward now, the way an inbox fills up.
    fraction = rng.random() ** recent_bias
    return now - WINDOW * fraction - timedelta(seconds=rng.randint(0, 59))


def _transfer(
    rng: random.Random, now: datetime, deposit_addresses: dict[str, str], vip: int
) -> DemoTransfer:
    asset = chain.pick_asset(rng)
    network = chain.pick_network(rng, asset).code
    direction = "deposit" if rng.random() < 0.55 else "withdrawal"
    value = chain.amount(rng, asset)
    if vip >= 5 and rng.random() < 0.5:
        value = (value * rng.randint(5, 40)).quantize(value)
    if direction == "deposit":
        status = _weighted(rng, _DEPOSIT_STATUS)
        # An account keeps one deposit address per network.
        if network not in deposit_addresses:
            deposit_addresses[network] = chain.address(rng, network)
        address = deposit_addresses[network]
    else:
        status = _weighted(rng, _WITHDRAWAL_STATUS)
        address = chain.address(rng, network)
    need = chain.NETWORKS[network].confirmations
    created = _moment(rng, now)
    broadcast = direction == "deposit" or status in (
        TransferStatus.COMPLETED,
        TransferStatus.CONFIRMING,
    )
    if status in (TransferStatus.PENDING, TransferStatus.CONFIRMING):
        # Still in flight, so it must be recent.
        created = now - timedelta(minutes=rng.randint(3, 600))
    if status == TransferStatus.COMPLETED or (
        direction == "deposit" and status == TransferStatus.UNDER_REVIEW
    ):
        confirmations = need + rng.randint(0, need * 20 + 30)
    elif status == TransferStatus.CONFIRMING:
        confirmations = rng.randint(0, max(0, need - 1))
    else:
        confirmations = 0
    return DemoTransfer(
        direction=direction,
        asset=asset.code,
        network=network,
        amount=value,
        address=address,
        tx_hash=chain.tx_hash(rng, network) if broadcast else None,
        confirmations=confirmations,
        status=status,
        created_at=created,
    )


# What the account itself records; the kinds support's own actions add are not generated.
_DEMO_EVENT_KINDS = (
    SecurityEventKind.NEW_DEVICE,
    SecurityEventKind.TWO_FA_CHANGED,
    SecurityEventKind.API_KEY_CREATED,
    SecurityEventKind.PASSWORD_RESET,
    SecurityEventKind.LOGIN_NEW_IP,
)


def _security_event(
    rng: random.Random, now: datetime, region: str, suspicious: bool
) -> DemoSecurityEvent:
    city = people.foreign_city(rng, region) if suspicious else people.pick_city(rng, region)
    device, ip = rng.choice(people.DEVICES), people.ip_address(rng)
    kind = rng.choice(_DEMO_EVENT_KINDS)
    if kind == SecurityEventKind.NEW_DEVICE:
        detail = f"New device {device} signed in from {city.en}, IP {ip}"
    elif kind == SecurityEventKind.TWO_FA_CHANGED:
        change = rng.choice(
            (
                "Authenticator app re-bound",
                "SMS verification turned off, authenticator kept",
                "Passkey added",
                "Authenticator app removed",
            )
        )
        detail = f"{change} on {device}, {city.en}"
    elif kind == SecurityEventKind.API_KEY_CREATED:
        label = f"{rng.choice(_API_LABELS)}-{rng.randint(1, 9)}"
        allow = f"IP allowlist {ip}" if rng.random() < 0.6 else "no IP allowlist"
        detail = f"API key '{label}' created ({rng.choice(_API_SCOPES)}), {allow}"
    elif kind == SecurityEventKind.PASSWORD_RESET:
        detail = f"Password reset via email link on {device}, {city.en}, IP {ip}"
    else:
        detail = f"Login from new IP {ip} ({city.en}) on {device}"
    return DemoSecurityEvent(kind=kind, detail=detail, created_at=_moment(rng, now, 1.3))


def make_customers(rng: random.Random, count: int, now: datetime) -> list[DemoCustomer]:
    uids = rng.sample(range(10_000_000, 99_999_999), count)
    customers = []
    for number in uids:
        language = _weighted(rng, LANGUAGE_WEIGHTS)
        region = people.pick_region(rng, language)
        who = people.person(rng, language, region)
        vip = rng.choices(range(10), VIP_WEIGHTS)[0]
        kyc = rng.choices(range(4), KYC_WEIGHTS)[0]
        if vip:
            kyc = max(kyc, 2)  # VIP programmes require verified identity
        frozen = rng.random() < 0.015
        deposit_addresses: dict[str, str] = {}
        transfers = [
            _transfer(rng, now, deposit_addresses, vip)
            for _ in range(rng.choices(range(9), (14, 16, 16, 14, 12, 10, 8, 6, 4))[0])
        ]
        events = [
            _security_event(rng, now, region, suspicious=frozen or rng.random() < 0.12)
            for _ in range(rng.choices(range(5), (38, 30, 18, 9, 5))[0] + (2 if frozen else 0))
        ]
        customers.append(
            DemoCustomer(
                uid=f"U{number}",
                display_name=who.display_name,
                email=who.email,
                phone=who.phone,
                kyc_level=kyc,
                vip_tier=vip,
                language=language,
                region=region,
                account_status=AccountStatus.FROZEN if frozen else AccountStatus.ACTIVE,
                transfers=sorted(transfers, key=lambda t: t.created_at),
                security_events=sorted(events, key=lambda e: e.created_at)[-4:],
            )
        )
    return customers


def call_name(customer: DemoCustomer) -> str:
    """How an agent addresses the customer: given name in English, family name in Japanese."""
    name = customer.display_name
    if customer.language == "ja":
        return name.split()[0]
    if customer.language == "en" or " " in name:
        return name.split()[0]
    return name
