"""The exchange's side of a VIP's day in the demo: now and then a large withdrawal is held for
review or a security event is logged on a VIP desk client's account, so that managers see the
alerts a real desk gets from the exchange's risk and security systems."""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import datetime
from decimal import Decimal

import anyio.to_thread
from sqlalchemy import func, select

from console.core.domain import SecurityEventKind
from console.core.waiting import wait_set
from console.server.clock import utcnow
from console.server.db import Database
from console.server.demo import chain, people
from console.server.models import Customer
from console.server.models_vip import VipClient
from console.server.runtime import Runtime
from console.server.services import vip_watch

__all__ = ["run_account_activity", "vip_account_event"]

log = logging.getLogger("console.server")
# One event per this many customer actions' worth of time: a handful an hour at the defaults.
EVERY_N_INTERVALS = 30
_WITHDRAWAL_ASSETS = ("USDT", "USDC", "BTC", "ETH")


def _large_amount(rng: random.Random, asset: chain.Asset) -> Decimal:
    usd = 120_000 * (25 ** rng.random())  # 120k to 3M USD, log-uniform
    return Decimal(f"{usd / asset.usd:.{min(asset.places, 4)}f}")


def vip_account_event(db: Database, rng: random.Random, now: datetime | None = None) -> str | None:
    """One event on a random VIP desk client's account; returns the client's uid (None when
    the desk is empty)."""
    now = now or utcnow()
    with db.write() as session:
        row = session.execute(
            select(Customer.uid, Customer.region)
            .join(VipClient, VipClient.uid == Customer.uid)
            .order_by(func.random())
            .limit(1)
        ).first()
        if row is None:
            return None
        uid, region = row
        if rng.random() < 0.5:
            asset = chain.ASSETS[rng.choice(_WITHDRAWAL_ASSETS)]
            network = chain.pick_network(rng, asset).code
            vip_watch.record_withdrawal_under_review(
                session,
                uid,
                asset.code,
                network,
                _large_amount(rng, asset),
                chain.address(rng, network),
                now,
            )
        else:
            device, ip = rng.choice(people.DEVICES), people.ip_address(rng)
            city = people.foreign_city(rng, region) if rng.random() < 0.4 else None
            where = city.en if city is not None else people.pick_city(rng, region).en
            kind = rng.choice((SecurityEventKind.NEW_DEVICE, SecurityEventKind.LOGIN_NEW_IP))
            detail = (
                f"New device {device} signed in from {where}, IP {ip}"
                if kind is SecurityEventKind.NEW_DEVICE
                else f"Login from new IP {ip} ({where}) on {device}"
            )
            vip_watch.record_security_event(session, uid, kind, detail, now)
        return str(uid)


async def run_account_activity(runtime: Runtime, stop: asyncio.Event) -> None:
    """Until `stop`: a VIP account event every EVERY_N_INTERVALS customer intervals (jittered)."""
    rng = random.Random()
    period = runtime.settings.simulate_interval_s * EVERY_N_INTERVALS
    while not stop.is_set():
        await wait_set(stop, period * rng.uniform(0.5, 1.5))
        if stop.is_set():
            return
        try:
            await anyio.to_thread.run_sync(vip_account_event, runtime.db, rng)
        except Exception:
            log.exception("simulated VIP account event failed")
