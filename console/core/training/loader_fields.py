"""Typed reads from a parsed TOML table for the scenario loader, each naming its field.

Every read reports the first problem as a `FieldProblem` carrying the dotted path of the field
(`turns[2].say.zh`); the loader adds the file name. Unknown keys are checked before anything is
read, so a misspelt key is reported as such rather than as a missing one.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from typing import Any

from ..domain import Language

__all__ = ["KNOWN_LANGUAGES", "FieldProblem", "Table", "describe"]

KNOWN_LANGUAGES: tuple[str, ...] = tuple(language.value for language in Language)


class FieldProblem(Exception):
    """A problem with one field, before the loader knows which file it came from."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def describe(value: object) -> str:
    """The TOML name of a value's type, for "must be text, not a whole number"."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date | datetime.time):
        return "a date/time"
    return type(value).__name__


def _one_of(value: str, choices: Iterable[str]) -> str:
    return f'"{value}" is not one of: {", ".join(choices)}'


class Table:
    """One TOML table and where it sits in the file (`persona`, `turns[0].when`, or "")."""

    def __init__(self, data: dict[str, Any], path: str = "") -> None:
        self.data = data
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def only(self, allowed: Collection[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise FieldProblem(self.at(key), f"unknown key (allowed: {', '.join(allowed)})")

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise FieldProblem(self.at(key), "missing")
            return None
        return self.data[key]

    def string(
        self,
        key: str,
        default: str | None = None,
        *,
        choices: Collection[str] | None = None,
    ) -> str:
        value = self._get(key, default is None)
        if value is None:
            assert default is not None
            return default
        if not isinstance(value, str):
            raise FieldProblem(self.at(key), f"must be text, not {describe(value)}")
        if not value.strip():
            raise FieldProblem(self.at(key), "must not be empty")
        if choices is not None and value not in choices:
            raise FieldProblem(self.at(key), _one_of(value, choices))
        return value

    def integer(
        self, key: str, default: int | None = None, *, low: int = 0, high: int | None = None
    ) -> int:
        value = self._get(key, default is None)
        if value is None:
            assert default is not None
            return default
        # TOML booleans arrive as Python bools, which are ints too.
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldProblem(self.at(key), f"must be a whole number, not {describe(value)}")
        if value < low or (high is not None and value > high):
            limit = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise FieldProblem(self.at(key), f"{value} is out of range (must be {limit})")
        return value

    def seconds(self, key: str, *, zero: bool = False, required: bool = False) -> float | None:
        """A duration: a positive number (zero allowed when `zero`), or None when absent."""
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FieldProblem(self.at(key), f"must be a number, not {describe(value)}")
        if value < 0 or (value == 0 and not zero):
            bound = "0 or more" if zero else "more than 0"
            raise FieldProblem(self.at(key), f"{value} is out of range (must be {bound})")
        return float(value)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise FieldProblem(self.at(key), f"must be true or false, not {describe(value)}")
        return value

    def strings(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        """A list of non-empty, distinct texts; `required`: present and not empty."""
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise FieldProblem(self.at(key), f"must be a list of texts, not {describe(value)}")
        if required and not value:
            raise FieldProblem(self.at(key), "must not be empty")
        seen: set[str] = set()
        for index, item in enumerate(value):
            where = f"{self.at(key)}[{index}]"
            if not isinstance(item, str):
                raise FieldProblem(where, f"must be text, not {describe(item)}")
            if not item.strip():
                raise FieldProblem(where, "must not be empty")
            if item in seen:
                raise FieldProblem(where, f'"{item}" is listed twice')
            seen.add(item)
        return tuple(value)

    def table(self, key: str, *, required: bool = True) -> Table | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise FieldProblem(self.at(key), f"must be a table, not {describe(value)}")
        return Table(value, self.at(key))

    def tables(self, key: str) -> list[Table]:
        """An array of tables (`[[turns]]`); absent means none."""
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise FieldProblem(
                self.at(key), f"must be an array of tables ([[{key}]]), not {describe(value)}"
            )
        found: list[Table] = []
        for index, item in enumerate(value):
            where = f"{self.at(key)}[{index}]"
            if not isinstance(item, dict):
                raise FieldProblem(where, f"must be a table, not {describe(item)}")
            found.append(Table(item, where))
        return found

    def texts(self, key: str, languages: Collection[str]) -> dict[str, str]:
        """A text per language: `{ zh = "...", en = "..." }`, every scenario language present.

        Other known languages may be there too (a translation in progress); unknown codes are
        typos and rejected."""
        table = self.table(key)
        assert table is not None
        table.only(KNOWN_LANGUAGES)
        for language in languages:
            if not table.has(language):
                raise FieldProblem(
                    table.at(language), "missing (every scenario language needs a text)"
                )
        # Surrounding blank lines come from multi-line strings ("""...""") and mean nothing.
        return {language: table.string(language).strip() for language in table.data}
