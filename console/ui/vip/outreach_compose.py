"""The compose form of an outreach: a subject, one text per language the chosen clients read (a
tab each, with how many read it and who), the fallback language for a client whose language has
no text, and a preview of which text each client will get (console.sync.vip_outreach.plan, the
server's own rule). It only edits; the dialog sends.

Client names are customer text: plain, never rich.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas import MAX_MESSAGE_CHARS, MAX_SUBJECT_CHARS
from console.sync.vip_outreach import PlannedRecipient, base_language, plan
from console.ui.i18n import tr
from console.ui.vip.vip_labels import CLIENT_LANGUAGES, language_label, tier_label
from console.ui.widgets.plain_text import PlainLabel, plain_tooltip

if TYPE_CHECKING:
    from console.api.schemas_vip import VipClientSummary

__all__ = ["TABLE_STYLE", "OutreachCompose"]

_NAMES_SHOWN = 6
TABLE_STYLE = """
QTableWidget { background: #ffffff; alternate-background-color: #f9fafb;
    border: 1px solid #dfe3e8; border-radius: 4px; }
QTableWidget::item { padding: 0 6px; border: none; }
QTableWidget::item:selected { background: #dbe7fb; color: #111827; }
"""


def _order(language: str) -> int:
    return CLIENT_LANGUAGES.index(language) if language in CLIENT_LANGUAGES else 99


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # table items never interpret markup
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    if tooltip:
        item.setToolTip(plain_tooltip(tooltip))
    return item


class OutreachCompose(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vipOutreachCompose")
        self.clients: list[VipClientSummary] = []
        self.editors: dict[str, QPlainTextEdit] = {}  # by base language
        self._plan_key: tuple[object, ...] | None = None
        self.planned: list[PlannedRecipient] = []

        self.audience = PlainLabel(objectName="mutedLabel", selectable=False)
        self.audience.setWordWrap(True)
        self.subject_edit = QLineEdit(objectName="vipOutreachSubject")
        self.subject_edit.setMaxLength(MAX_SUBJECT_CHARS)
        self.subject_edit.setPlaceholderText(tr("What the clients see as the title"))
        self.tabs = QTabWidget(objectName="vipOutreachTexts")
        self.tabs.setDocumentMode(True)
        self.fallback_box = QComboBox(objectName="vipOutreachFallback")
        self.fallback_hint = PlainLabel(objectName="mutedLabel", selectable=False)
        self.fallback_hint.setWordWrap(True)
        self.preview = QTableWidget(0, 4, objectName="vipOutreachPreview")
        self.preview.setStyleSheet(TABLE_STYLE)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.setAlternatingRowColors(True)
        self.preview.verticalHeader().hide()
        self.preview.verticalHeader().setDefaultSectionSize(26)
        self.preview.setHorizontalHeaderLabels([tr("Client"), tr("Tier"), tr("Reads"), tr("Gets")])
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 64), (2, 90), (3, 200)):
            self.preview.setColumnWidth(col, width)
        self.preview.setMinimumHeight(120)

        form = QFormLayout()
        form.addRow(tr("Subject"), self.subject_edit)
        form.addRow(tr("Fallback"), self.fallback_box)
        form.addRow("", self.fallback_hint)
        self.preview_title = PlainLabel(tr("Who gets what"), objectName="sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.audience)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 5)
        layout.addWidget(self.preview_title)
        layout.addWidget(self.preview, 4)
        self.subject_edit.textChanged.connect(self.changed)
        self.fallback_box.currentIndexChanged.connect(self._refresh)

    # --- the clients and their languages ----------------------------------------------------------

    def set_clients(self, clients: Sequence[VipClientSummary]) -> None:
        """Tabs for the languages these clients read (texts already typed are kept)."""
        self.clients = list(clients)
        readers = Counter(base_language(c.language) for c in self.clients)
        languages = sorted(readers, key=lambda lang: (-readers[lang], _order(lang), lang))
        current = self.fallback_language()
        old_pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.clear()
        for language in languages:
            editor = self.editors.get(language)
            if editor is None:
                editor = self.editors[language] = QPlainTextEdit(objectName="vipOutreachText")
                editor.setTabChangesFocus(True)
                editor.setProperty("language", language)
                editor.setPlaceholderText(
                    tr(
                        "The message in {language}. The client reads it in the app and can "
                        "answer it there.",
                        language=language_label(language),
                    )
                )
                editor.textChanged.connect(self._refresh)
            page = QWidget()
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 6, 0, 0)
            readers_label = PlainLabel(self._readers_text(language), objectName="mutedLabel")
            readers_label.setWordWrap(True)
            box.addWidget(readers_label)
            box.addWidget(editor, 1)
            tab = tr("{language} · {n}", language=language_label(language), n=readers[language])
            self.tabs.addTab(page, tab)
        for page in old_pages:  # their editors moved to the new pages above
            page.deleteLater()
        self.fallback_box.blockSignals(True)
        self.fallback_box.clear()
        for language in languages:
            self.fallback_box.addItem(language_label(language), language)
        default = current or ("en" if "en" in readers else (languages[0] if languages else ""))
        index = self.fallback_box.findData(default)
        self.fallback_box.setCurrentIndex(max(index, 0))
        self.fallback_box.blockSignals(False)
        counts = ", ".join(
            tr("{language}: {n}", language=language_label(lang), n=readers[lang])
            for lang in languages
        )
        self.audience.setText(
            tr("Recipients: {n} ({languages})", n=len(self.clients), languages=counts)
        )
        self._plan_key = None
        self._refresh()

    def _readers_text(self, language: str) -> str:
        names = [c.display_name for c in self.clients if base_language(c.language) == language]
        shown = ", ".join(names[:_NAMES_SHOWN])
        if len(names) > _NAMES_SHOWN:
            return tr("Read by {names} and {n} more.", names=shown, n=len(names) - _NAMES_SHOWN)
        return tr("Read by {names}.", names=shown)

    # --- what was typed ---------------------------------------------------------------------------

    def subject(self) -> str:
        return self.subject_edit.text().strip()

    def bodies(self) -> dict[str, str]:
        """Texts by language; empty ones left out."""
        return {
            lang: editor.toPlainText()
            for lang, editor in self.editors.items()
            if editor.toPlainText().strip()
        }

    def fallback_language(self) -> str:
        return str(self.fallback_box.currentData() or "")

    def uids(self) -> list[str]:
        return [c.uid for c in self.clients]

    def problems(self) -> list[str]:
        """What stops sending, for the manager; empty when it can go."""
        found = []
        if not self.subject():
            found.append(tr("Write a subject."))
        bodies = self.bodies()
        if not bodies:
            found.append(tr("Write the message in at least one language."))
        for lang, text in bodies.items():
            if len(text) > MAX_MESSAGE_CHARS:
                found.append(
                    tr(
                        "The {language} text is too long: at most {n} characters.",
                        language=language_label(lang),
                        n=MAX_MESSAGE_CHARS,
                    )
                )
        missing = [p for p in self.planned if p.text_language is None]
        if bodies and missing:
            found.append(
                tr(
                    "{n} clients would get nothing: write their language's text, or choose a "
                    "fallback language that has one.",
                    n=len(missing),
                )
            )
        return found

    def set_editable(self, editable: bool) -> None:
        self.subject_edit.setReadOnly(not editable)
        self.fallback_box.setEnabled(editable)
        for editor in self.editors.values():
            editor.setReadOnly(not editable)

    # --- the preview ------------------------------------------------------------------------------

    def _refresh(self) -> None:
        bodies = self.bodies()
        fallback = self.fallback_language()
        key = (tuple(sorted(bodies)), fallback, len(self.clients))
        if key != self._plan_key:  # the preview depends on which texts exist, not their words
            self._plan_key = key
            self.planned = plan(self.clients, bodies, fallback)
            self._fill_preview(bodies)
            self.fallback_hint.setText(
                tr(
                    "Clients whose language has no text get the {language} one.",
                    language=language_label(fallback),
                )
                if fallback
                else ""
            )
        self.changed.emit()

    def _fill_preview(self, bodies: dict[str, str]) -> None:
        self.preview.setRowCount(len(self.planned))
        for row, p in enumerate(self.planned):
            self.preview.setItem(row, 0, _item(p.name, p.uid))
            self.preview.setItem(row, 1, _item(tier_label(p.tier)))
            self.preview.setItem(row, 2, _item(language_label(p.language)))
            if p.text_language is None:
                gets = _item(tr("Nothing yet: no text in their language"))
                gets.setForeground(QColor("#b91c1c"))
            else:
                label = language_label(p.text_language)
                text = (
                    tr("{language} text (fallback)", language=label)
                    if p.falls_back
                    else tr("{language} text", language=label)
                )
                gets = _item(text, bodies.get(p.text_language, "")[:300])
                if p.falls_back:
                    gets.setForeground(QColor("#8a5a00"))
            self.preview.setItem(row, 3, gets)

    def gets_text(self, uid: str) -> str:
        """The preview's "Gets" cell of a client (for tests)."""
        row = next((i for i, p in enumerate(self.planned) if p.uid == uid), None)
        item = self.preview.item(row, 3) if row is not None else None
        return item.text() if item is not None else ""
