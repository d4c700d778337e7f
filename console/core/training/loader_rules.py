"""The rules a scenario must keep beyond field types: action strings, the rubric, turn links."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from ..domain import Department, Priority
from ..guard.findings import KINDS
from .loader_fields import FieldProblem
from .model import Action, RubricItem, RubricKind

__all__ = ["check_action", "check_rubric", "check_slug", "check_turn_links"]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The actions that take a qualifier after a colon: what it names and, where the set is closed,
# its allowed values (article slugs are checked against the knowledge base when it is known).
_QUALIFIERS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    Action.ESCALATE.value: ("a department", tuple(d.value for d in Department)),
    Action.GUARD_BLOCKED.value: ("a guard kind", tuple(KINDS)),
    Action.SET_PRIORITY.value: ("a priority", tuple(p.value for p in Priority)),
    Action.KB_ARTICLE.value: ("an article slug", None),
}
_ACTIONS = tuple(action.value for action in Action)


def check_slug(slug: str, field: str, known_articles: Collection[str] | None) -> None:
    if not SLUG.match(slug):
        raise FieldProblem(field, f'"{slug}" is not an article slug (lowercase-with-hyphens)')
    if known_articles is not None and slug not in known_articles:
        raise FieldProblem(field, f'no knowledge-base article has the slug "{slug}"')


def check_action(value: str, field: str, known_articles: Collection[str] | None) -> str:
    """`value` is an Action value, optionally `:qualifier` for the actions that take one."""
    name, colon, qualifier = value.partition(":")
    if name not in _ACTIONS:
        raise FieldProblem(field, f'"{name}" is not an action (one of: {", ".join(_ACTIONS)})')
    if not colon:
        return value
    rule = _QUALIFIERS.get(name)
    if rule is None:
        takers = ", ".join(f"{taker}:" for taker in _QUALIFIERS)
        raise FieldProblem(field, f'"{name}" takes no qualifier (only {takers} do)')
    what, allowed = rule
    if not qualifier:
        raise FieldProblem(field, f'nothing after "{name}:" (give {what}, or drop the colon)')
    if allowed is not None and qualifier not in allowed:
        raise FieldProblem(field, f'"{qualifier}" is not {what} (one of: {", ".join(allowed)})')
    if name == Action.KB_ARTICLE.value:
        check_slug(qualifier, field, known_articles)
    return value


def check_rubric(
    items: Sequence[RubricItem], *, has_expect: bool, has_forbid: bool, has_articles: bool
) -> None:
    """Weights add up to 100, each kind once, and the kinds that score a list have one."""
    if not items:
        raise FieldProblem("rubric", "missing (add [[rubric]] items whose weights add up to 100)")
    seen: set[RubricKind] = set()
    for index, item in enumerate(items):
        if item.kind in seen:
            raise FieldProblem(f"rubric[{index}].kind", f'"{item.kind}" is listed twice')
        seen.add(item.kind)
    total = sum(item.weight for item in items)
    if total != 100:
        raise FieldProblem("rubric", f"weights add up to {total}, not 100")
    # A kind that scores a list nobody filled in would give its points away for nothing.
    needs = {
        RubricKind.EXPECTED: ("expect", has_expect, "[[expect]] entries"),
        RubricKind.FORBIDDEN: ("forbid", has_forbid, "[[forbid]] entries"),
        RubricKind.KB_ARTICLE: ("kb_articles", has_articles, "kb_articles slugs"),
    }
    for kind, (field, present, what) in needs.items():
        if kind in seen and not present:
            raise FieldProblem(field, f'missing: the rubric scores "{kind}", which needs {what}')


def check_turn_links(after: Mapping[str, tuple[str, str]], *, first: str) -> None:
    """`after`: turn id -> (its after_turn, that field's path). Every link names a turn or
    `first` (the customer's opening message), and no chain of links loops back (such turns
    could never be sent)."""
    for turn_id, (target, field) in after.items():
        if not target or target == first:
            continue
        if target == turn_id:
            raise FieldProblem(field, f'turn "{turn_id}" cannot wait for itself')
        if target not in after:
            known = ", ".join((first, *after))
            raise FieldProblem(field, f'no turn has the id "{target}" (turns: {known})')
    for start, (_, field) in after.items():
        seen = {start}
        current = after[start][0]
        while current and current != first:
            if current in seen:
                raise FieldProblem(field, f'turns wait for each other in a loop from "{start}"')
            seen.add(current)
            current = after[current][0]
