"""The sync engine between the Support API and the local store.

SyncEngine is what the UI session drives; `engine.presence` (PresenceBoard) and
`engine.notifications` (NotificationCenter) are its live side channels, and for live chat
`engine.chat_typing` (ChatTypingBoard) and `engine.chat_status` (ChatStatusBoard).
"""

from console.sync.attachments import AttachmentRefused
from console.sync.backoff import Backoff
from console.sync.chat_live import ChatStatusBoard, ChatTypingBoard, Typist
from console.sync.engine import SyncEngine
from console.sync.notifications import Notification, NotificationCenter, NotificationKind
from console.sync.presence import PresenceBoard
from console.sync.state import ConnectionState

__all__ = [
    "AttachmentRefused",
    "Backoff",
    "ChatStatusBoard",
    "ChatTypingBoard",
    "ConnectionState",
    "Notification",
    "NotificationCenter",
    "NotificationKind",
    "PresenceBoard",
    "SyncEngine",
    "Typist",
]
