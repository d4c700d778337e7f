"""Top of the ticket view: subject, who and where, and the editable properties — status, priority
(with the suggestion made from the text and why), category, assignee, group and tags."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas import AgentOut, TicketOut
from console.core.domain import Category, Department, Priority, TicketStatus
from console.ui.i18n import tr
from console.ui.labels import (
    category_label,
    channel_label,
    department_label,
    priority_label,
    status_label,
)
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

__all__ = ["GROUPS", "TicketHeader", "parse_tags"]

# Queues a ticket can wait in: the departments' own queues plus the VIP desk.
GROUPS: tuple[str, ...] = ("general", "vip", *(str(d) for d in Department))
_NO_ONE = -1  # item data of "Unassigned" in the assignee box


def parse_tags(text: str) -> list[str]:
    """ "a, b ,a" -> ["a", "b"]: trimmed, lower case, no duplicates, order kept."""
    tags: list[str] = []
    for part in text.replace("，", ",").split(","):
        tag = part.strip().lower()
        if tag and tag not in tags:
            tags.append(tag[:40])
    return tags


def _group_label(value: str) -> str:
    names = {"general": tr("General"), "vip": tr("VIP desk")}
    return names.get(value) or department_label(value)


class TicketHeader(QWidget):
    status_chosen = Signal(str)
    priority_chosen = Signal(str)
    category_chosen = Signal(str)
    group_chosen = Signal(str)  # "" = no group
    assignee_chosen = Signal(object)  # agent id, or None to unassign
    assign_to_me = Signal()
    tags_edited = Signal(list)
    open_ticket = Signal(int)  # the ticket this one was merged into

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketHeader")
        self._ticket: TicketOut | None = None
        self._me_id: int | None = None
        self._agents: list[AgentOut] = []
        self.subject = PlainLabel(objectName="ticketSubject")
        self.subject.setWordWrap(True)
        self.meta = PlainLabel(objectName="mutedLabel")
        self.merged_button = QPushButton(objectName="linkButton")
        self.merged_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.merged_button.hide()
        self.merged_button.clicked.connect(self._open_merge_target)
        self.escalation_chip = QLabel(objectName="escalationChip")
        self.escalation_chip.hide()

        self.status_caption = QLabel(objectName="fieldCaption")
        self.status_box = QComboBox(objectName="statusBox")
        self.priority_caption = QLabel(objectName="fieldCaption")
        self.priority_box = QComboBox(objectName="priorityBox")
        self.suggestion = PlainLabel(objectName="suggestionLabel", selectable=False)
        self.category_caption = QLabel(objectName="fieldCaption")
        self.category_box = QComboBox(objectName="categoryBox")
        self.assignee_caption = QLabel(objectName="fieldCaption")
        self.assignee_box = QComboBox(objectName="assigneeBox")
        self.assign_button = QPushButton(objectName="secondaryButton")
        self.group_caption = QLabel(objectName="fieldCaption")
        self.group_box = QComboBox(objectName="groupBox")
        self.tags_caption = QLabel(objectName="fieldCaption")
        self.tags_edit = QLineEdit(objectName="tagsEdit")
        for status in TicketStatus:
            self.status_box.addItem("", str(status))
        for priority in Priority:
            self.priority_box.addItem("", str(priority))
        for category in Category:
            self.category_box.addItem("", str(category))
        self.group_box.addItem("", "")
        for group in GROUPS:
            self.group_box.addItem("", group)

        self.status_box.activated.connect(
            lambda i: self.status_chosen.emit(self.status_box.itemData(i))
        )
        self.priority_box.activated.connect(
            lambda i: self.priority_chosen.emit(self.priority_box.itemData(i))
        )
        self.category_box.activated.connect(
            lambda i: self.category_chosen.emit(self.category_box.itemData(i))
        )
        self.group_box.activated.connect(
            lambda i: self.group_chosen.emit(self.group_box.itemData(i))
        )
        self.assignee_box.activated.connect(self._on_assignee)
        self.assign_button.clicked.connect(self.assign_to_me)
        self.tags_edit.editingFinished.connect(self._on_tags)

        title = QHBoxLayout()
        title.setSpacing(8)
        title.addWidget(self.subject, 1)
        title.addWidget(self.escalation_chip, 0, Qt.AlignmentFlag.AlignTop)
        where = QHBoxLayout()
        where.setSpacing(8)
        where.addWidget(self.meta)
        where.addWidget(self.merged_button)
        where.addStretch(1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        priority = QHBoxLayout()
        priority.setSpacing(6)
        priority.addWidget(self.priority_box)
        priority.addWidget(self.suggestion, 1)
        assignee = QHBoxLayout()
        assignee.setSpacing(6)
        assignee.addWidget(self.assignee_box, 1)
        assignee.addWidget(self.assign_button)
        cells = [
            (0, 0, self.status_caption, self.status_box),
            (0, 2, self.priority_caption, priority),
            (0, 4, self.category_caption, self.category_box),
            (1, 0, self.assignee_caption, assignee),
            (1, 2, self.group_caption, self.group_box),
            (1, 4, self.tags_caption, self.tags_edit),
        ]
        for row, column, caption, field in cells:
            grid.addWidget(caption, row, column, Qt.AlignmentFlag.AlignRight)
            if isinstance(field, QWidget):
                grid.addWidget(field, row, column + 1)
            else:
                grid.addLayout(field, row, column + 1)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.setSpacing(4)
        layout.addLayout(title)
        layout.addLayout(where)
        layout.addSpacing(2)
        layout.addLayout(grid)
        self.retranslate()

    def set_ticket(self, ticket: TicketOut | None, me_id: int | None) -> None:
        self._ticket = ticket
        self._me_id = me_id
        self._render()

    def set_agents(self, agents: Sequence[AgentOut]) -> None:
        self._agents = list(agents)
        self._render()

    def retranslate(self) -> None:
        self.status_caption.setText(tr("Status"))
        self.priority_caption.setText(tr("Priority"))
        self.category_caption.setText(tr("Category"))
        self.assignee_caption.setText(tr("Assignee"))
        self.group_caption.setText(tr("Group"))
        self.tags_caption.setText(tr("Tags"))
        self.tags_edit.setPlaceholderText(tr("Add tags, separated by commas"))
        self.assign_button.setText(tr("Assign to me"))
        for box, label in (
            (self.status_box, status_label),
            (self.priority_box, priority_label),
            (self.category_box, category_label),
        ):
            for i in range(box.count()):
                box.setItemText(i, label(box.itemData(i)))
        self.group_box.setItemText(0, tr("No group"))
        for i in range(1, self.group_box.count()):
            self.group_box.setItemText(i, _group_label(self.group_box.itemData(i)))
        self._render()

    # --- rendering ---------------------------------------------------------------------------

    def _render(self) -> None:
        ticket = self._ticket
        self.setEnabled(ticket is not None)
        if ticket is None:
            self.subject.setText("")
            self.meta.setText("")
            self.suggestion.setText("")
            self.merged_button.hide()
            self.escalation_chip.hide()
            return
        self.subject.setText(ticket.subject)
        self.meta.setText(
            tr(
                "#{id} · {channel} · {category} · customer {uid}",
                id=ticket.id,
                channel=channel_label(ticket.channel),
                category=category_label(ticket.category),
                uid=ticket.customer_uid,
            )
        )
        self._select(self.status_box, str(ticket.status))
        self._select(self.priority_box, str(ticket.priority))
        self._select(self.category_box, str(ticket.category))
        self._select_group(ticket.group or "")
        self.priority_box.setProperty("level", str(ticket.priority))
        self.priority_box.style().unpolish(self.priority_box)
        self.priority_box.style().polish(self.priority_box)
        self._render_suggestion(ticket)
        self._render_assignee(ticket)
        if not self.tags_edit.hasFocus():
            self.tags_edit.setText(", ".join(ticket.tags))
        if ticket.merged_into_id is not None:
            self.merged_button.setText(tr("Merged into #{id}", id=ticket.merged_into_id))
            self.merged_button.show()
        else:
            self.merged_button.hide()
        count = ticket.open_escalations
        self.escalation_chip.setVisible(count > 0)
        self.escalation_chip.setText(tr("Escalated ({n} open)", n=count))

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        box.setCurrentIndex(box.findData(value))

    def _select_group(self, group: str) -> None:
        index = self.group_box.findData(group)
        if index < 0:  # a group this console does not know yet: show it as it is
            self.group_box.addItem(group, group)
            index = self.group_box.count() - 1
        self.group_box.setCurrentIndex(index)

    def _render_suggestion(self, ticket: TicketOut) -> None:
        suggested = ticket.suggested_priority
        if suggested is None:
            self.suggestion.setText("")
            self.suggestion.setToolTip("")
            return
        if suggested == ticket.priority:
            text = tr("Suggested")
        else:
            text = tr("Suggested: {priority}", priority=priority_label(suggested))
        reason = ticket.suggestion_reason or ""
        self.suggestion.setText(text)
        self.suggestion.setProperty("differs", suggested != ticket.priority)
        self.suggestion.style().unpolish(self.suggestion)
        self.suggestion.style().polish(self.suggestion)
        self.suggestion.setToolTip(
            plain_tooltip(tr("Suggested from the text: “{reason}”", reason=reason))
            if reason
            else ""
        )

    def _render_assignee(self, ticket: TicketOut) -> None:
        box = self.assignee_box
        box.clear()
        box.addItem(tr("Unassigned"), _NO_ONE)
        if self._me_id is not None:
            box.addItem(tr("Me"), self._me_id)
        for agent in self._agents:
            if agent.id != self._me_id:
                box.addItem(agent.display_name, agent.id)
        current = ticket.assignee_id
        if current is not None and box.findData(current) < 0:
            box.addItem(tr("Agent #{id}", id=current), current)
        box.setCurrentIndex(box.findData(_NO_ONE if current is None else current))
        mine = current is not None and current == self._me_id
        self.assign_button.setVisible(not mine and self._me_id is not None)

    # --- reactions ---------------------------------------------------------------------------

    def _on_assignee(self, index: int) -> None:
        value = self.assignee_box.itemData(index)
        self.assignee_chosen.emit(None if value == _NO_ONE else int(value))

    def _on_tags(self) -> None:
        ticket = self._ticket
        if ticket is None:
            return
        tags = parse_tags(self.tags_edit.text())
        if tags != list(ticket.tags):
            self.tags_edited.emit(tags)

    def _open_merge_target(self) -> None:
        if self._ticket is not None and self._ticket.merged_into_id is not None:
            self.open_ticket.emit(self._ticket.merged_into_id)
