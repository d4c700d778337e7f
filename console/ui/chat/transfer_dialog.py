"""Hand a chat on: to a colleague (offered to them with the note) or to a team by topic (back
to the queue for agents with that skill). The note is for colleagues, never the customer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.core.domain import Category
from console.ui.i18n import tr
from console.ui.labels import category_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas import AgentOut

__all__ = ["MAX_NOTE_CHARS", "TransferDialog"]

MAX_NOTE_CHARS = 1000


class TransferDialog(QDialog):
    def __init__(
        self,
        agents: Sequence[AgentOut],
        me_id: int,
        topic: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(tr("Transfer the chat"))
        self.to_agent = QRadioButton(tr("To a colleague"))
        self.to_team = QRadioButton(tr("To a team (by topic)"))
        group = QButtonGroup(self)
        group.addButton(self.to_agent)
        group.addButton(self.to_team)
        self.agent_box = QComboBox(objectName="transferAgent")
        for agent in agents:
            if agent.id != me_id:
                self.agent_box.addItem(agent.display_name, agent.id)
        self.team_box = QComboBox(objectName="transferTeam")
        for category in Category:
            self.team_box.addItem(category_label(category), str(category))
        if topic:
            index = self.team_box.findData(topic)
            if index >= 0:
                self.team_box.setCurrentIndex(index)
        self.note = QPlainTextEdit(objectName="transferNote")
        self.note.setPlaceholderText(tr("A note for whoever takes it over (optional)"))
        self.note.setFixedHeight(90)
        self.error = PlainLabel(objectName="composerError", selectable=False)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Transfer"))
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(self.to_agent, 0, 0)
        grid.addWidget(self.agent_box, 0, 1)
        grid.addWidget(self.to_team, 1, 0)
        grid.addWidget(self.team_box, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(PlainLabel(tr("Note"), objectName="fieldCaption", selectable=False))
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.error.hide()
        has_agents = self.agent_box.count() > 0
        self.to_agent.setEnabled(has_agents)
        (self.to_agent if has_agents else self.to_team).setChecked(True)
        group.buttonToggled.connect(lambda *_: self._sync())
        self._sync()
        self.resize(460, 300)

    def target(self) -> tuple[int | None, str | None]:
        if self.to_agent.isChecked():
            return int(self.agent_box.currentData()), None
        return None, str(self.team_box.currentData())

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def _sync(self) -> None:
        self.agent_box.setEnabled(self.to_agent.isChecked())
        self.team_box.setEnabled(self.to_team.isChecked())

    def _try_accept(self) -> None:
        if len(self.note_text()) > MAX_NOTE_CHARS:
            self.error.setText(tr("The note is longer than {n} characters.", n=MAX_NOTE_CHARS))
            self.error.show()
            return
        self.accept()
