"""The demo workspace's macros, in the order the macro menu shows them."""

from __future__ import annotations

from .macro_texts import KYC_DOCUMENTS, SECURITY_LOCK, TWO_FA_RESET, WITHDRAWAL_DELAY, DemoMacro
from .macro_texts_funds import CLOSING, DEPOSIT_MEMO, FEES, P2P_DISPUTE

DEMO_MACROS: list[DemoMacro] = [
    WITHDRAWAL_DELAY,
    DEPOSIT_MEMO,
    KYC_DOCUMENTS,
    SECURITY_LOCK,
    TWO_FA_RESET,
    P2P_DISPUTE,
    FEES,
    CLOSING,
]

__all__ = ["DEMO_MACROS", "DemoMacro"]
