"""The support team of the demo workspace: the five sign-in accounts plus the rest of the shift
(agents, compliance, and the VIP desk's other account managers)."""

from __future__ import annotations

from console.core.domain import Role

from .model import DemoAgent

DEMO_PASSWORD = "demo-pass-2026"

# (username, display name, role, languages); the first five are the accounts on the sign-in screen.
_TEAM: tuple[tuple[str, str, Role, tuple[str, ...]], ...] = (
    ("alice", "Alice Zhou", Role.AGENT, ("zh", "en")),
    ("bob", "Bob Miller", Role.AGENT, ("en",)),
    ("mei", "Mei Lin", Role.VIP_MANAGER, ("zh", "en")),
    ("tom", "Tom Becker", Role.TRAINER, ("en",)),
    ("sara", "Sara Nakamura", Role.SUPERVISOR, ("zh", "en", "ja")),
    ("kevin", "Kevin Wu", Role.AGENT, ("zh", "en")),
    ("lina", "Li Na", Role.AGENT, ("zh",)),
    ("jason", "Jason Ho", Role.AGENT, ("zh", "en")),
    ("wei", "Zhang Wei", Role.AGENT, ("zh", "en")),
    ("emma", "Emma Clarke", Role.AGENT, ("en",)),
    ("daniel", "Daniel Okafor", Role.AGENT, ("en",)),
    ("yuki", "Yuki Tanaka", Role.AGENT, ("ja", "en")),
    ("jiwoo", "Ji-woo Park", Role.AGENT, ("ko", "en")),
    ("nadia", "Nadia Rahman", Role.COMPLIANCE, ("en", "zh")),
    # The rest of the VIP desk: each VIP client has a manager and a backup in their language.
    ("oliver", "Oliver Grant", Role.VIP_MANAGER, ("en", "zh")),
    ("hana", "Hana Sato", Role.VIP_MANAGER, ("ja", "en")),
    ("minjun", "Min-jun Choi", Role.VIP_MANAGER, ("ko", "en")),
)

DEMO_ACCOUNTS = ("alice", "bob", "mei", "tom", "sara")


def demo_agents() -> list[DemoAgent]:
    return [
        DemoAgent(username, name, DEMO_PASSWORD, role, list(languages))
        for username, name, role, languages in _TEAM
    ]
