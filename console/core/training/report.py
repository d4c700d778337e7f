"""The score of one attempt: points per rubric item, and where points were lost, in the
scenario's language, for the trainee's report and the trainer's review."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ItemScore", "Report"]


@dataclass(frozen=True, slots=True)
class ItemScore:
    kind: str  # model.RubricKind value
    weight: int
    points: float  # 0..weight
    # Why points were lost (empty when none were): one sentence each, in the attempt's language.
    lost: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    items: tuple[ItemScore, ...]
    # A forbidden action marked `fails` was done: the attempt fails whatever its points.
    failed: bool = False
    fail_reasons: tuple[str, ...] = ()
    first_response_s: float | None = None
    resolved: bool = False
    expected_done: tuple[str, ...] = ()
    expected_missed: tuple[str, ...] = ()
    forbidden_done: tuple[str, ...] = field(default_factory=tuple)

    @property
    def total(self) -> float:
        return round(sum(item.points for item in self.items), 1)

    @property
    def passed(self) -> bool:
        return not self.failed and self.total >= PASS_MARK


PASS_MARK = 70.0
