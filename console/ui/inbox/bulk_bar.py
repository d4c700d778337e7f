"""Bulk actions on the selected tickets: assign, status, tag, macro — each through the outbox.

The bar shows while two or more tickets are selected. Every action asks once, naming how many
tickets it touches, then queues one change per ticket (`update_ticket`) or hands the whole
selection to `apply_macro`; the sync engine delivers them, exactly once, when it can.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from console.core.domain import TicketStatus
from console.ui.formatting import number
from console.ui.i18n import tr
from console.ui.labels import status_label

if TYPE_CHECKING:
    from console.api.schemas import AgentOut, MacroOut
    from console.ui.commands import TicketCommands

__all__ = ["MAX_BULK", "BulkBar", "BulkTarget"]

MAX_BULK = 1000  # a larger selection is almost always a slip of Ctrl+A
Confirm = Callable[[QWidget, str], bool]


class BulkTarget:
    """What an action needs of each selected ticket: its id and current tags."""

    __slots__ = ("id", "tags")

    def __init__(self, ticket_id: int, tags: Sequence[str]) -> None:
        self.id = ticket_id
        self.tags = list(tags)


def ask(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        tr("Bulk action"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class BulkBar(QWidget):
    applied = Signal(str)  # a sentence for the status bar: what was queued

    def __init__(
        self,
        selection: Callable[[], list[BulkTarget]],
        me_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulkBar")
        self._selection = selection
        self._me_id = me_id
        self._commands: TicketCommands | None = None
        self._macros: Callable[[], Sequence[MacroOut]] = list
        self.confirm: Confirm = ask  # tests answer for the agent
        self.ask_text: Callable[[QWidget, str], str | None] = _ask_tag

        self.count_label = QLabel(objectName="bulkCount")
        self.assign_button = QPushButton(objectName="bulkButton")
        self.status_button = QPushButton(objectName="bulkButton")
        self.tag_button = QPushButton(objectName="bulkButton")
        self.macro_button = QPushButton(objectName="bulkButton")
        self.assign_menu = QMenu(self)
        self.status_menu = QMenu(self)
        self.macro_menu = QMenu(self)
        self.assign_button.setMenu(self.assign_menu)
        self.status_button.setMenu(self.status_menu)
        self.macro_button.setMenu(self.macro_menu)
        self.assign_menu.aboutToShow.connect(self._fill_assign_menu)
        self.status_menu.aboutToShow.connect(self._fill_status_menu)
        self.macro_menu.aboutToShow.connect(self._fill_macro_menu)
        self.tag_button.clicked.connect(self._tag_clicked)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(6)
        layout.addWidget(self.count_label)
        layout.addStretch(1)
        for button in (self.assign_button, self.status_button, self.tag_button):
            layout.addWidget(button)
        layout.addWidget(self.macro_button)
        self.retranslate()
        self.set_count(0)

    def set_commands(
        self, commands: TicketCommands, macros: Callable[[], Sequence[MacroOut]]
    ) -> None:
        self._commands = commands
        self._macros = macros
        self._enable()

    def set_count(self, count: int) -> None:
        self.count_label.setText(tr("{count} selected", count=number(count)))
        self.setVisible(count >= 2)
        self._enable()

    def _enable(self) -> None:
        can = self._commands is not None
        for button in (self.assign_button, self.status_button, self.tag_button):
            button.setEnabled(can)
        self.macro_button.setEnabled(can)

    def retranslate(self) -> None:
        self.assign_button.setText(tr("Assign"))
        self.status_button.setText(tr("Status"))
        self.tag_button.setText(tr("Add tag…"))
        self.macro_button.setText(tr("Apply macro"))

    # --- menus -------------------------------------------------------------------------------

    def _fill_assign_menu(self) -> None:
        menu = self.assign_menu
        menu.clear()
        if self._me_id is not None:
            me = self._me_id
            menu.addAction(tr("Assign to me"), lambda: self.assign(me, tr("me")))
        menu.addAction(tr("Unassign"), lambda: self.assign(None, ""))
        agents: list[AgentOut] = self._commands.agents() if self._commands is not None else []
        others = [a for a in agents if a.id != self._me_id]
        if others:
            menu.addSeparator()
            for agent in sorted(others, key=lambda a: a.display_name.casefold()):
                menu.addAction(
                    agent.display_name,
                    lambda a=agent: self.assign(a.id, a.display_name),
                )

    def _fill_status_menu(self) -> None:
        self.status_menu.clear()
        for status in TicketStatus:
            if status == TicketStatus.NEW:
                continue
            self.status_menu.addAction(status_label(status), lambda s=status: self.set_status(s))

    def _fill_macro_menu(self) -> None:
        self.macro_menu.clear()
        macros = list(self._macros())
        if not macros:
            self.macro_menu.addAction(tr("No macros yet")).setEnabled(False)
            return
        for macro in macros:
            self.macro_menu.addAction(macro.name, lambda m=macro: self.apply_macro(m.id, m.name))

    def _tag_clicked(self) -> None:
        tag = self.ask_text(self, tr("Tag to add to the selected tickets:"))
        if tag:
            self.add_tag(tag)

    # --- actions (public so the palette and tests can call them) -----------------------------

    def _targets(self) -> list[BulkTarget] | None:
        targets = self._selection()
        if len(targets) > MAX_BULK:
            QMessageBox.information(
                self,
                tr("Bulk action"),
                tr("Select at most {limit} tickets at once.", limit=number(MAX_BULK)),
            )
            return None
        return targets

    def _run(
        self,
        question: Callable[[str], str],
        per_ticket: Callable[[BulkTarget], Any],
        done: Callable[[str], str],
    ) -> int:
        targets = self._targets()
        if not targets or self._commands is None:
            return 0
        count = number(len(targets))
        if not self.confirm(self, question(count)):
            return 0
        for target in targets:
            per_ticket(target)
        self.applied.emit(done(count))
        return len(targets)

    def assign(self, agent_id: int | None, name: str) -> int:
        from console.api.schemas import TicketUpdate  # pydantic: not before the first paint

        update = TicketUpdate(assignee_id=agent_id)

        def question(n: str) -> str:
            if agent_id is None:
                return tr("Remove the assignee from {count} tickets?", count=n)
            return tr("Assign {count} tickets to {name}?", count=n, name=name)

        return self._run(
            question,
            lambda t: self._update(t.id, update),
            lambda n: tr("Assignment queued for {count} tickets.", count=n),
        )

    def set_status(self, status: str) -> int:
        from console.api.schemas import TicketUpdate

        update = TicketUpdate(status=TicketStatus(status))
        label = status_label(status)
        return self._run(
            lambda n: tr("Set {count} tickets to “{status}”?", count=n, status=label),
            lambda t: self._update(t.id, update),
            lambda n: tr("Status change queued for {count} tickets.", count=n),
        )

    def add_tag(self, tag: str) -> int:
        tag = tag.strip()
        if not tag:
            return 0

        def per_ticket(target: BulkTarget) -> None:
            if tag not in target.tags:
                self._update(target.id, ticket_update(tags=[*target.tags, tag]))

        return self._run(
            lambda n: tr("Add the tag “{tag}” to {count} tickets?", tag=tag, count=n),
            per_ticket,
            lambda n: tr("Tag queued for {count} tickets.", count=n),
        )

    def apply_macro(self, macro_id: int, name: str) -> int:
        targets = self._targets()
        commands = self._commands
        if not targets or commands is None:
            return 0
        question = tr(
            "Apply the macro “{name}” to {count} tickets?", name=name, count=number(len(targets))
        )
        if not self.confirm(self, question):
            return 0
        queued = commands.apply_macro([t.id for t in targets], macro_id)
        self.applied.emit(tr("Macro queued for {count} tickets.", count=number(queued)))
        return queued

    def _update(self, ticket_id: int, update: Any) -> None:
        if self._commands is not None:
            self._commands.update_ticket(ticket_id, update)


def _ask_tag(parent: QWidget, prompt: str) -> str | None:
    text, ok = QInputDialog.getText(parent, tr("Add tag"), prompt)
    return text.strip() if ok and text.strip() else None


def ticket_update(**fields: Any) -> Any:
    """A TicketUpdate, with pydantic imported only when an agent acts (not at start-up)."""
    from console.api.schemas import TicketUpdate

    return TicketUpdate(**fields)
