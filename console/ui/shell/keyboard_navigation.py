"""What the shell's keyboard shortcuts and palette entries do: move through the list, jump to a
view, focus search, start a reply or note, open the palette or the shortcut sheet. Mixed into
MainWindow, which provides the pages, the inbox and the ticket view."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from console.ui.shell.keyboard import shortcut_rows

if TYPE_CHECKING:
    from console.ui.palette.shortcuts_sheet import ShortcutsSheet

__all__ = ["KeyboardNavigation"]


class KeyboardNavigation:
    inbox: Any
    _kb: Any
    _ticket_view: Any
    command_palette: Any

    if TYPE_CHECKING:

        def show_page(self, key: str) -> None: ...

        def current_page(self) -> str | None: ...

    def go_to_view(self, view: str) -> None:
        self.show_page("inbox")
        self.inbox.set_view(view)
        self.focus_list()

    def go_to_saved(self, view_id: int) -> None:
        self.show_page("inbox")
        self.inbox.open_saved_view(view_id)
        self.focus_list()

    def focus_search(self) -> None:
        if self.current_page() == "knowledge" and self._kb is not None and self._kb.knowledge:
            self._kb.knowledge.focus_search()
            return
        self.show_page("inbox")
        self.inbox.focus_search()

    def focus_list(self) -> None:
        if self.current_page() == "inbox":
            self.inbox.focus_list()

    def compose(self, kind: str) -> None:
        """r / n: write a reply or an internal note on the open ticket."""
        view = self._ticket_view
        if view is None or view.ticket_id() is None or self.current_page() != "inbox":
            return
        view.reply_box.set_kind(kind)
        view.reply_box.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_palette(self) -> None:
        from console.ui.shell.palette_actions import palette_actions

        self.command_palette.open_with(palette_actions(self))

    def show_shortcuts(self) -> ShortcutsSheet:
        from console.ui.palette.shortcuts_sheet import ShortcutsSheet

        sheet = ShortcutsSheet(shortcut_rows(), self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    def _in_list(self, delta: int) -> None:
        if self.current_page() == "inbox":
            self.inbox.move(delta)
