"""Settings of the reference Support API server."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file at `path`."""
    return f"sqlite:///{path.expanduser().resolve().as_posix()}"


def default_database_url() -> str:
    return sqlite_url(Path(user_data_dir("support-console")) / "server.sqlite3")


@dataclass
class ServerSettings:
    database_url: str = field(default_factory=default_database_url)
    demo: bool = False
    simulate: bool = False
    simulate_interval_s: float = 20.0
    # The simulated departments answer an escalation after this long, give or take half.
    department_answer_s: float = 40.0
    token_ttl_s: float = 12 * 3600.0
    workspace_name: str = "Support"
    # Mock-ticket training runs in a workspace of its own: a second database served under
    # /training. `training` marks that workspace's own settings; `with_training` mounts it.
    with_training: bool = True
    training: bool = False
    # Default: next to a SQLite database, the same name with "-training"; required otherwise.
    training_database_url: str | None = None
    # How often the training workspace's simulated customers look at what trainees did.
    training_tick_s: float = 1.0
    # Size of the demo workspace seeded into an empty database.
    demo_seed: int = 7
    demo_tickets: int = 5000
    # A stream sends a comment this often so proxies and clients see the connection alive.
    sse_keepalive_s: float = 15.0
    # How often a stream looks at the events table for rows written by other processes.
    event_poll_s: float = 1.0
    idempotency_ttl_s: float = 24 * 3600.0
    # How often the SLA sweeper looks for targets that have just been missed.
    sla_sweep_s: float = 5.0
    # Live chat: an offer not accepted this long goes back to the queue; an agent whose last
    # status PUT (the heartbeat) is this old counts as gone; chats per agent unless they set
    # another capacity; how often the chat sweeper runs.
    chat_offer_timeout_s: float = 30.0
    chat_agent_timeout_s: float = 45.0
    chat_default_capacity: int = 5
    chat_sweep_s: float = 1.0
    # Average time an agent spends on a chat, for the customer's estimated wait until enough
    # chats have been handled to measure it.
    chat_average_handle_s: float = 90.0
