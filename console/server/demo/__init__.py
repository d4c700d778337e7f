"""Demo workspace content: the Lumen Exchange support team, its customers and their tickets.

Pure data, no database and no server: the reference server seeds itself from `generate_demo()`
and replays `simulator.CustomerTraffic` while running in demo mode.
"""

from __future__ import annotations

from .agents import DEMO_ACCOUNTS, DEMO_PASSWORD
from .generator import generate_demo
from .model import (
    DemoAgent,
    DemoCustomer,
    DemoMessage,
    DemoSecurityEvent,
    DemoTicket,
    DemoTransfer,
    DemoWorkspace,
)

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DemoAgent",
    "DemoCustomer",
    "DemoMessage",
    "DemoSecurityEvent",
    "DemoTicket",
    "DemoTransfer",
    "DemoWorkspace",
    "generate_demo",
]
