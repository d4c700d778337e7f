"""The inbox's built-in views and how the filter bar's choices become one store query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from console.store.records import TicketQuery
from console.ui.i18n import tr

__all__ = [
    "BUILTIN_VIEWS",
    "DEFAULT_SORT",
    "FILTER_FIELDS",
    "BuiltinView",
    "Filters",
    "builtin_query",
    "filters_of",
    "query_for",
]

# TicketQuery fields the filter bar sets (None = any).
FILTER_FIELDS = ("channel", "category", "language", "tag", "priority", "group")
DEFAULT_SORT = ("updated", True)  # newest activity first


@dataclass(frozen=True, slots=True)
class BuiltinView:
    key: str  # TicketQuery.view
    label: Callable[[], str]  # translated at call time


BUILTIN_VIEWS: tuple[BuiltinView, ...] = (
    BuiltinView("mine", lambda: tr("My open")),
    BuiltinView("unassigned", lambda: tr("Unassigned")),
    BuiltinView("open", lambda: tr("All open")),
    BuiltinView("pending", lambda: tr("Pending customer")),
    BuiltinView("due_soon", lambda: tr("SLA due soon")),
    BuiltinView("breached", lambda: tr("SLA breached")),
    BuiltinView("vip", lambda: tr("VIP")),
    BuiltinView("escalated", lambda: tr("Escalated")),
    BuiltinView("all", lambda: tr("All tickets")),
)


@dataclass(frozen=True, slots=True)
class Filters:
    """What the filter bar holds besides the view: narrowing fields, search text and order."""

    channel: str | None = None
    category: str | None = None
    language: str | None = None
    tag: str | None = None
    priority: str | None = None
    group: str | None = None
    text: str = ""
    sort: str = DEFAULT_SORT[0]
    descending: bool = DEFAULT_SORT[1]

    def narrowing(self) -> bool:
        """True when anything beyond the view limits the list (filters or search)."""
        return bool(self.text.strip()) or any(getattr(self, f) for f in FILTER_FIELDS)


def builtin_query(view: str, me_id: int | None) -> TicketQuery:
    """The unfiltered query of a built-in view (what its count shows)."""
    return TicketQuery(view=view, me_id=me_id)


def query_for(view: str, me_id: int | None, filters: Filters) -> TicketQuery:
    """The store query for a view narrowed by the filter bar."""
    values = {name: getattr(filters, name) for name in FILTER_FIELDS}
    return replace(
        builtin_query(view, me_id),
        text=filters.text.strip(),
        sort=filters.sort,
        descending=filters.descending,
        **values,
    )


def filters_of(query: TicketQuery) -> Filters:
    """The filter bar's state that reproduces `query` (opening a saved view)."""
    values = {name: getattr(query, name) for name in FILTER_FIELDS}
    return Filters(text=query.text, sort=query.sort, descending=query.descending, **values)
