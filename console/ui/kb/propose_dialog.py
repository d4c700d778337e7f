"""Propose an edit: the article's whole content per language (title, summary, Markdown body),
its tags and category, and a note for the reviewer. The result is a KbRevisionCreate against
the version the agent started from; a supervisor reviews it before anyone sees it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.schemas_kb import KbLocale, KbRevisionCreate
from console.core.kb import KB_CATEGORIES, KB_LANGUAGES
from console.ui.i18n import tr
from console.ui.kb.kb_labels import kb_category_label, kb_language_label
from console.ui.widgets.plain_text import PlainLabel

if TYPE_CHECKING:
    from console.api.schemas_kb import KbArticleOut

__all__ = ["LocaleEditor", "ProposeEditDialog", "parse_tags"]


def parse_tags(text: str) -> list[str]:
    """ "a, b,,c" -> ["a", "b", "c"]: commas (also the full-width one) separate, order kept,
    duplicates dropped."""
    seen: list[str] = []
    for tag in text.replace("，", ",").split(","):
        tag = tag.strip()
        if tag and tag not in seen:
            seen.append(tag)
    return seen


class LocaleEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLineEdit(objectName="kbEditTitle")
        self.summary = QPlainTextEdit(objectName="kbEditSummary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(70)
        self.body = QPlainTextEdit(objectName="kbEditBody")
        self.body.setTabChangesFocus(True)
        self.form = QFormLayout(self)
        self.form.addRow(tr("Title"), self.title)
        self.form.addRow(tr("Summary"), self.summary)
        self.form.addRow(tr("Body (Markdown)"), self.body)

    def is_empty(self) -> bool:
        return not (
            self.title.text().strip()
            or self.summary.toPlainText().strip()
            or self.body.toPlainText().strip()
        )

    def kb_locale(self) -> KbLocale:
        return KbLocale(
            title=self.title.text().strip(),
            summary=self.summary.toPlainText().strip(),
            body=self.body.toPlainText().rstrip(),
        )


class ProposeEditDialog(QDialog):
    def __init__(self, article: KbArticleOut, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbProposeDialog")
        self.setWindowTitle(tr("Propose an edit"))
        self._article = article
        self._revision: KbRevisionCreate | None = None
        self.hint = PlainLabel(
            tr(
                "Your edit is reviewed by a supervisor before it is published. "
                "It is based on version {n}.",
                n=article.version,
            ),
            objectName="mutedLabel",
            selectable=False,
        )
        self.hint.setWordWrap(True)
        self.tabs = QTabWidget(objectName="kbLocaleTabs")
        self.editors: dict[str, LocaleEditor] = {}
        for code in KB_LANGUAGES:
            editor = LocaleEditor()
            locale = article.locales.get(code)
            if locale is not None:
                editor.title.setText(locale.title)
                editor.summary.setPlainText(locale.summary)
                editor.body.setPlainText(locale.body)
            self.editors[code] = editor
            self.tabs.addTab(editor, kb_language_label(code))
        self.tags = QLineEdit(", ".join(article.tags), objectName="kbEditTags")
        self.category = QComboBox(objectName="kbEditCategory")
        for category in KB_CATEGORIES:
            self.category.addItem(kb_category_label(category), category)
        self.category.setCurrentIndex(self.category.findData(article.category))
        self.note = QLineEdit(objectName="kbEditNote")
        self.note.setPlaceholderText(tr("What changed and why (for the reviewer)"))
        self.error = PlainLabel(objectName="errorLabel", selectable=False)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Submit for review"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        fields = QFormLayout()
        fields.addRow(tr("Tags"), self.tags)
        fields.addRow(tr("Category"), self.category)
        fields.addRow(tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(760, 640)

    def show_language(self, code: str) -> None:
        if code in self.editors:
            self.tabs.setCurrentWidget(self.editors[code])

    def revision(self) -> KbRevisionCreate | None:
        """The proposal, once the dialog was accepted with valid content."""
        return self._revision

    def build(self) -> KbRevisionCreate:
        """The edit as it stands; raises ValueError with a sentence for the agent."""
        locales: dict[str, KbLocale] = {}
        for code, editor in self.editors.items():
            if editor.is_empty():
                continue
            name = kb_language_label(code)
            if not editor.title.text().strip():
                raise ValueError(tr("The {language} version needs a title.", language=name))
            try:
                locales[code] = editor.kb_locale()
            except ValidationError as exc:
                raise ValueError(
                    tr(
                        "The {language} version is not valid: {reason}",
                        language=name,
                        reason=_reason(exc),
                    )
                ) from exc
        for code in ("zh", "en"):
            if code not in locales:
                raise ValueError(
                    tr("The {language} version is required.", language=kb_language_label(code))
                )
        try:
            return KbRevisionCreate(
                base_version=self._article.version,
                locales=locales,
                tags=parse_tags(self.tags.text()),
                category=str(self.category.currentData()),
                note=self.note.text().strip(),
            )
        except ValidationError as exc:
            raise ValueError(tr("The edit is not valid: {reason}", reason=_reason(exc))) from exc

    def _submit(self) -> None:
        try:
            self._revision = self.build()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0] if exc.errors() else None
    if first is None:
        return str(exc)
    where = ".".join(str(part) for part in first.get("loc", ()))
    message = str(first.get("msg", ""))
    return f"{where}: {message}" if where else message
