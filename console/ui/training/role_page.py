"""The Training page's entry on the rail (console.ui.shell.role_pages): its label, and how it
is built the first time it is shown (the page's modules load only then).

Trainers and supervisors get the trainer's view (sessions, comparisons, scenarios, quiz);
agents and VIP managers their own results and the quiz. Everything goes through the
session's TrainingActions, the way to the training workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.core.domain import Role
from console.ui.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from console.ui.shell.role_pages import RolePageContext

__all__ = ["GLYPH", "KEY", "ROLES", "TRAINER_ROLES", "build", "label"]

KEY = "training"
GLYPH = "✎"
TRAINER_ROLES = frozenset({str(Role.TRAINER), str(Role.SUPERVISOR)})
ROLES = TRAINER_ROLES | {str(Role.AGENT), str(Role.VIP_MANAGER)}


def label() -> str:
    return tr("Training")


def build(context: RolePageContext) -> QWidget:
    from console.ui.training.training_page import TrainingPage

    commands = context.commands
    agents = getattr(commands, "agents", None)
    return TrainingPage(
        commands.training,
        trainer=str(context.me.role) in TRAINER_ROLES,
        agents=agents if callable(agents) else list,
    )
