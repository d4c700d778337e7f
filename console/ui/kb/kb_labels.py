"""Display names for the knowledge base's categories and languages.

Categories are translated at call time (a language switch shows at once); article languages are
shown in their own script so an agent recognises the one the customer reads.
"""

from __future__ import annotations

from console.ui.i18n import tr

__all__ = ["LANGUAGE_NAMES", "kb_category_label", "kb_language_label"]

LANGUAGE_NAMES = {"zh": "中文", "en": "English", "ja": "日本語", "ko": "한국어"}


def kb_language_label(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def kb_category_label(category: str) -> str:
    names = {
        "account_security": tr("Account security"),
        "kyc": tr("KYC"),
        "policies": tr("Policies"),
        "deposit_withdrawal": tr("Deposit & withdrawal"),
        "payments": tr("Payments"),
        "fees": tr("Fees"),
        "spot": tr("Spot trading"),
        "margin": tr("Margin"),
        "futures": tr("Futures"),
        "options": tr("Options"),
        "api": tr("API"),
        "p2p": tr("P2P"),
        "earn": tr("Earn"),
        "launchpad": tr("Launchpad"),
        "web3_wallet": tr("Web3 wallet"),
        "troubleshooting": tr("Troubleshooting"),
        "glossary": tr("Glossary"),
    }
    return names.get(category, category)
