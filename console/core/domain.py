"""The vocabulary of the support desk: roles, channels, ticket states, categories.

Both the reference server and the console use these values on the wire and in storage, so a
value here is part of the API: add new members, never rename existing ones.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    VIP_MANAGER = "vip_manager"
    TRAINER = "trainer"
    SUPERVISOR = "supervisor"
    # Receives suspicious-activity (AML) reports; sees their outcome, which agents do not.
    COMPLIANCE = "compliance"


class Channel(StrEnum):
    EMAIL = "email"
    WEB_FORM = "web_form"
    IN_APP = "in_app"
    SOCIAL = "social"  # other social networks
    PHONE = "phone"  # a phone call, logged by the agent
    X = "x"  # X / Twitter mentions and direct messages
    TELEGRAM = "telegram"


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"  # waiting for the customer
    ON_HOLD = "on_hold"  # waiting for another department
    SOLVED = "solved"
    CLOSED = "closed"


OPEN_STATUSES: frozenset[TicketStatus] = frozenset(
    {TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD}
)


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


PRIORITY_RANK: dict[Priority, int] = {
    Priority.URGENT: 0,
    Priority.HIGH: 1,
    Priority.NORMAL: 2,
    Priority.LOW: 3,
}


class Category(StrEnum):
    ACCOUNT_SECURITY = "account_security"
    DEPOSIT_WITHDRAWAL = "deposit_withdrawal"
    SPOT = "spot"
    FUTURES_MARGIN = "futures_margin"
    KYC = "kyc"
    P2P = "p2p"
    EARN = "earn"
    WEB3_WALLET = "web3_wallet"
    API = "api"
    FEES = "fees"


class MessageKind(StrEnum):
    CUSTOMER = "customer"  # written by the customer
    REPLY = "reply"  # an agent's public answer, the customer sees it
    NOTE = "note"  # internal note, never shown to the customer


class AccountStatus(StrEnum):
    ACTIVE = "active"
    FROZEN = "frozen"


class TransferStatus(StrEnum):
    PENDING = "pending"
    CONFIRMING = "confirming"
    COMPLETED = "completed"
    FAILED = "failed"
    UNDER_REVIEW = "under_review"


class SecurityEventKind(StrEnum):
    NEW_DEVICE = "new_device"
    TWO_FA_CHANGED = "2fa_changed"
    API_KEY_CREATED = "api_key_created"
    PASSWORD_RESET = "password_reset"
    LOGIN_NEW_IP = "login_new_ip"
    EMAIL_CHANGED = "email_changed"
    ADDRESS_WHITELISTED = "address_whitelisted"


class Language(StrEnum):
    ZH = "zh"
    EN = "en"
    JA = "ja"
    KO = "ko"


class SlaState(StrEnum):
    """Where a ticket stands against its SLA target at a given moment."""

    OK = "ok"
    DUE_SOON = "due_soon"
    BREACHED = "breached"
    PAUSED = "paused"  # pending the customer: the clock stands still
    MET = "met"  # every target reached (solved or closed)
    NONE = "none"  # no policy applies


class SlaTarget(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"


class Department(StrEnum):
    """Teams a ticket can be escalated to; each answers in a side thread."""

    SECURITY = "security"
    RISK_AML = "risk_aml"
    FINANCE = "finance"
    ENGINEERING = "engineering"
    COMPLIANCE = "compliance"


class EscalationStatus(StrEnum):
    OPEN = "open"  # waiting for the department
    ANSWERED = "answered"  # the department replied; the agent has not closed it
    CLOSED = "closed"


class PresenceState(StrEnum):
    VIEWING = "viewing"
    TYPING = "typing"
    LEFT = "left"


class EventType(StrEnum):
    """Types on the live event stream. Payloads are the full current objects (see api.schemas)."""

    TICKET_CREATED = "ticket.created"  # payload: TicketOut
    TICKET_UPDATED = "ticket.updated"  # payload: TicketOut
    MESSAGE_CREATED = "message.created"  # payload: MessageOut
    CUSTOMER_UPDATED = "customer.updated"  # payload: CustomerOut
    ESCALATION_CREATED = "escalation.created"  # payload: EscalationOut
    ESCALATION_UPDATED = "escalation.updated"  # payload: EscalationOut
    SLA_BREACHED = "sla.breached"  # payload: SlaBreachOut
    TICKET_MERGED = "ticket.merged"  # payload: TicketMergedOut
    PRESENCE_CHANGED = "presence.changed"  # payload: PresenceOut (not stored by clients)
    KB_ARTICLE_CHANGED = "kb.article.changed"  # payload: KbArticleOut (published, reviewed, rated)
    KB_FLAG_CREATED = "kb.flag.created"  # payload: KbFlagOut
    KB_FLAG_UPDATED = "kb.flag.updated"  # payload: KbFlagOut
    KB_REVISION_PROPOSED = "kb.revision.proposed"  # payload: KbRevisionOut
    KB_REVISION_DECIDED = "kb.revision.decided"  # payload: KbRevisionOut (published or rejected)
    CHAT_CONVERSATION_UPDATED = "chat.conversation.updated"  # payload: ConversationOut
    CHAT_MESSAGE_CREATED = "chat.message.created"  # payload: ChatMessageOut
    CHAT_TYPING = "chat.typing"  # payload: ChatTypingOut (not stored by clients)
    CHAT_STATUS_CHANGED = "chat.status.changed"  # payload: AgentChatStatusOut (not stored)
    # The VIP desk: for the client's manager and backup alone (audience), never agents.
    VIP_ALERT = "vip.alert"  # payload: VipAlertOut
    VIP_CLIENT_UPDATED = "vip.client.updated"  # payload: VipClientSummary (portfolio row)
    VIP_OUTREACH_UPDATED = "vip.outreach.updated"  # payload: OutreachOut (for its author)
