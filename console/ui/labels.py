"""Display names of the domain's enum values in the current language.

Each function builds its table at call time so a language switch shows at once.
"""

from __future__ import annotations

from console.core.domain import (
    AccountStatus,
    Category,
    Channel,
    Department,
    EscalationStatus,
    MessageKind,
    Priority,
    Role,
    SecurityEventKind,
    TicketStatus,
    TransferStatus,
)
from console.ui.i18n import tr

__all__ = [
    "account_status_label",
    "category_label",
    "channel_label",
    "department_label",
    "escalation_status_label",
    "message_kind_label",
    "priority_label",
    "role_label",
    "security_event_label",
    "status_label",
    "transfer_direction_label",
    "transfer_status_label",
]


def status_label(value: str) -> str:
    names: dict[str, str] = {
        TicketStatus.NEW: tr("New"),
        TicketStatus.OPEN: tr("Open"),
        TicketStatus.PENDING: tr("Pending"),
        TicketStatus.ON_HOLD: tr("On hold"),
        TicketStatus.SOLVED: tr("Solved"),
        TicketStatus.CLOSED: tr("Closed"),
    }
    return names.get(value, str(value))


def priority_label(value: str) -> str:
    names: dict[str, str] = {
        Priority.LOW: tr("Low"),
        Priority.NORMAL: tr("Normal"),
        Priority.HIGH: tr("High"),
        Priority.URGENT: tr("Urgent"),
    }
    return names.get(value, str(value))


def channel_label(value: str) -> str:
    names: dict[str, str] = {
        Channel.EMAIL: tr("Email"),
        Channel.WEB_FORM: tr("Web form"),
        Channel.IN_APP: tr("In-app"),
        Channel.SOCIAL: tr("Social"),
        Channel.PHONE: tr("Phone"),
        Channel.X: tr("X"),
        Channel.TELEGRAM: tr("Telegram"),
    }
    return names.get(value, str(value))


def category_label(value: str) -> str:
    names: dict[str, str] = {
        Category.ACCOUNT_SECURITY: tr("Account security"),
        Category.DEPOSIT_WITHDRAWAL: tr("Deposit & withdrawal"),
        Category.SPOT: tr("Spot trading"),
        Category.FUTURES_MARGIN: tr("Futures & margin"),
        Category.KYC: tr("KYC"),
        Category.P2P: tr("P2P"),
        Category.EARN: tr("Earn"),
        Category.WEB3_WALLET: tr("Web3 wallet"),
        Category.API: tr("API"),
        Category.FEES: tr("Fees"),
    }
    return names.get(value, str(value))


def message_kind_label(value: str) -> str:
    names: dict[str, str] = {
        MessageKind.CUSTOMER: tr("Customer"),
        MessageKind.REPLY: tr("Reply"),
        MessageKind.NOTE: tr("Internal note"),
    }
    return names.get(value, str(value))


def account_status_label(value: str) -> str:
    names: dict[str, str] = {AccountStatus.ACTIVE: tr("Active"), AccountStatus.FROZEN: tr("Frozen")}
    return names.get(value, str(value))


def transfer_status_label(value: str) -> str:
    names: dict[str, str] = {
        TransferStatus.PENDING: tr("Pending"),
        TransferStatus.CONFIRMING: tr("Confirming"),
        TransferStatus.COMPLETED: tr("Completed"),
        TransferStatus.FAILED: tr("Failed"),
        TransferStatus.UNDER_REVIEW: tr("Under review"),
    }
    return names.get(value, str(value))


def transfer_direction_label(value: str) -> str:
    names: dict[str, str] = {"deposit": tr("Deposit"), "withdrawal": tr("Withdrawal")}
    return names.get(value, value)


def security_event_label(value: str) -> str:
    names: dict[str, str] = {
        SecurityEventKind.NEW_DEVICE: tr("New device"),
        SecurityEventKind.TWO_FA_CHANGED: tr("2FA changed"),
        SecurityEventKind.API_KEY_CREATED: tr("API key created"),
        SecurityEventKind.PASSWORD_RESET: tr("Password reset"),
        SecurityEventKind.LOGIN_NEW_IP: tr("Login from new IP"),
        SecurityEventKind.EMAIL_CHANGED: tr("Email changed"),
        SecurityEventKind.ADDRESS_WHITELISTED: tr("Withdrawal address whitelisted"),
    }
    return names.get(value, str(value))


def role_label(value: str) -> str:
    names: dict[str, str] = {
        Role.AGENT: tr("Agent"),
        Role.VIP_MANAGER: tr("VIP manager"),
        Role.TRAINER: tr("Trainer"),
        Role.SUPERVISOR: tr("Supervisor"),
        Role.COMPLIANCE: tr("Compliance officer"),
    }
    return names.get(value, str(value))


def department_label(value: str) -> str:
    names: dict[str, str] = {
        Department.SECURITY: tr("Security"),
        Department.RISK_AML: tr("Risk & AML"),
        Department.FINANCE: tr("Finance"),
        Department.ENGINEERING: tr("Engineering"),
        Department.COMPLIANCE: tr("Compliance"),
    }
    return names.get(value, str(value))


def escalation_status_label(value: str) -> str:
    names: dict[str, str] = {
        EscalationStatus.OPEN: tr("Waiting for the department"),
        EscalationStatus.ANSWERED: tr("Answered"),
        EscalationStatus.CLOSED: tr("Closed"),
    }
    return names.get(value, str(value))
