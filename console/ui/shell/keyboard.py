"""The console's keyboard shortcuts: one table that both installs them and feeds the help sheet.

Single-key shortcuts (j, k, r, n, /, ?) never fire while the agent types in a text field: text
widgets claim printable keys first (Qt's ShortcutOverride), and every handler checks again.
Ctrl combinations work everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from console.ui.i18n import tr

__all__ = ["SHORTCUTS", "Shortcut", "install_shortcuts", "is_typing", "shortcut_rows"]


@dataclass(frozen=True, slots=True)
class Shortcut:
    action: str  # the window method's key in `handlers`
    keys: tuple[str, ...]  # QKeySequence strings; empty: handled by a widget, listed only
    shown: str  # how the help sheet writes the keys
    label: Callable[[], str]
    single_key: bool = True  # guarded against typing


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("next", ("J",), "J / ↓", lambda: tr("Next ticket in the list")),
    Shortcut("previous", ("K",), "K / ↑", lambda: tr("Previous ticket in the list")),
    Shortcut("open", (), "Enter", lambda: tr("Open the selected ticket")),
    Shortcut("reply", ("R",), "R", lambda: tr("Reply to the open ticket")),
    Shortcut("note", ("N",), "N", lambda: tr("Write an internal note on the open ticket")),
    Shortcut("send", (), "Ctrl+Enter", lambda: tr("Send the reply or note"), single_key=False),
    Shortcut("search", ("/",), "/", lambda: tr("Search tickets")),
    Shortcut("search", ("Ctrl+F",), "Ctrl+F", lambda: tr("Search tickets"), single_key=False),
    Shortcut("palette", ("Ctrl+K",), "Ctrl+K", lambda: tr("Command palette"), single_key=False),
    Shortcut("help", ("?", "F1"), "? / F1", lambda: tr("This list of shortcuts")),
    Shortcut(
        "select_all",
        (),
        "Ctrl+A",
        lambda: tr("Select every ticket in the list (bulk)"),
        single_key=False,
    ),
    Shortcut("list", ("Escape",), "Esc", lambda: tr("Back to the ticket list")),
)


def is_typing(widget: QWidget | None = None) -> bool:
    """True when keyboard focus is in a place that takes text."""
    focus = widget if widget is not None else QApplication.focusWidget()
    if isinstance(focus, QLineEdit):
        return not focus.isReadOnly()
    if isinstance(focus, (QPlainTextEdit, QTextEdit)):
        return not focus.isReadOnly()
    if isinstance(focus, QComboBox):
        return focus.isEditable()
    return isinstance(focus, QAbstractSpinBox)


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, action) for the help sheet, merged where one action has several entries."""
    rows: list[tuple[str, str]] = []
    for shortcut in SHORTCUTS:
        label = shortcut.label()
        if rows and rows[-1][1] == label:
            rows[-1] = (f"{rows[-1][0]} / {shortcut.shown}", label)
        else:
            rows.append((shortcut.shown, label))
    return rows


def install_shortcuts(host: QWidget, handlers: dict[str, Callable[[], object]]) -> list[QShortcut]:
    """QShortcuts on `host` (window-wide) for every entry with keys and a handler."""
    made: list[QShortcut] = []
    for shortcut in SHORTCUTS:
        handler = handlers.get(shortcut.action)
        if handler is None:
            continue
        for keys in shortcut.keys:
            qs = QShortcut(QKeySequence(keys), host)
            qs.setContext(Qt.ShortcutContext.WindowShortcut)
            if shortcut.single_key and keys != "Escape":
                qs.activated.connect(lambda h=handler: None if is_typing() else h())
            else:
                qs.activated.connect(handler)
            made.append(qs)
    return made
