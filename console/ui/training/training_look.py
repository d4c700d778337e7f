"""What makes a training window unmistakable: a bar across the top that stays (what this is,
which session, and the way out) and another colour for the whole window (style.qss rules on
`[training="true"]`), and "TRAINING" first in the title."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.api.schemas_training import TrainingInvitationOut
    from console.ui.shell.main_window import MainWindow

__all__ = ["TrainingBar", "apply_training_look"]


class TrainingBar(QWidget):
    def __init__(self, invitation: TrainingInvitationOut, leave: Callable[[], None]) -> None:
        super().__init__(objectName="trainingBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._invitation = invitation
        self.text = QLabel(objectName="trainingBarText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the session title is a trainer's text
        self.text.setWordWrap(True)
        self.leave_button = QPushButton(objectName="trainingLeave")
        self.leave_button.clicked.connect(leave)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.leave_button)
        self._ended = False
        self.retranslate()

    def mark_ended(self) -> None:
        self._ended = True
        self.retranslate()

    def retranslate(self) -> None:
        what = tr(
            "TRAINING — {title} (trainer: {trainer}). Mock tickets and simulated customers: "
            "nothing here reaches a live customer or account.",
            title=self._invitation.title,
            trainer=self._invitation.trainer_name,
        )
        if self._ended:
            what += " " + tr("The session has ended; your results are on the Training page.")
        self.text.setText(what)
        self.leave_button.setText(tr("Leave training"))


def apply_training_look(
    window: MainWindow, invitation: TrainingInvitationOut, leave: Callable[[], None]
) -> TrainingBar:
    bar = TrainingBar(invitation, leave)
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    if layout is not None:
        layout.insertWidget(0, bar)  # type: ignore[attr-defined]
    window.banner.setVisible(False)  # the demo strip would say the opposite kind of thing
    window.setProperty("training", True)
    window.setWindowTitle(tr("TRAINING — {title}", title=window.windowTitle()))
    # Property selectors are matched when a widget is polished: polish again, top down.
    for widget in [window, *window.findChildren(QWidget)]:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
    return bar
