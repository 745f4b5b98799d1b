"""Progress assessment for goals and their KPIs: what the coach says is driven by these numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Optional, Sequence


class Trend(str, Enum):
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class KpiSnapshot:
    name: str
    baseline: Decimal
    target: Decimal
    current: Optional[Decimal]

    def completion(self) -> Optional[Decimal]:
        """Share of the way from baseline to target, clamped to [0, 1]; None without a reading."""
        if self.current is None:
            return None
        span = self.target - self.baseline
        if span == 0:
            return Decimal(1) if self.current == self.target else Decimal(0)
        share = (self.current - self.baseline) / span
        return min(max(share, Decimal(0)), Decimal(1))


@dataclass(frozen=True)
class GoalProgress:
    completion: Optional[Decimal]
    elapsed: Decimal
    trend: Trend


# Within this margin of the time-elapsed share a goal counts as on track, not ahead/behind.
_TOLERANCE = Decimal("0.05")


def elapsed_share(start: datetime, due: datetime, now: datetime) -> Decimal:
    """Share of the goal's time window that has passed, clamped to [0, 1]."""
    total = (due - start).total_seconds()
    if total <= 0:
        return Decimal(1)
    share = Decimal(str((now - start).total_seconds() / total))
    return min(max(share, Decimal(0)), Decimal(1))


def assess(kpis: Sequence[KpiSnapshot], start: datetime, due: datetime, now: datetime) -> GoalProgress:
    """Average KPI completion against elapsed time decides the trend."""
    elapsed = elapsed_share(start, due, now)
    readings = [c for c in (k.completion() for k in kpis) if c is not None]
    if not readings:
        return GoalProgress(completion=None, elapsed=elapsed, trend=Trend.NO_DATA)
    completion = sum(readings, Decimal(0)) / len(readings)
    if completion > elapsed + _TOLERANCE:
        trend = Trend.AHEAD
    elif completion < elapsed - _TOLERANCE:
        trend = Trend.BEHIND
    else:
        trend = Trend.ON_TRACK
    return GoalProgress(completion=completion, elapsed=elapsed, trend=trend)


def nudge(goal_title: str, progress: GoalProgress) -> str:
    """The one-line message the coach opens a session with."""
    if progress.trend is Trend.NO_DATA:
        return f"Let's record a first measurement for '{goal_title}'."
    percent = int((progress.completion or Decimal(0)) * 100)
    if progress.trend is Trend.AHEAD:
        return f"'{goal_title}' is {percent}% done and ahead of schedule: time to stretch the target?"
    if progress.trend is Trend.BEHIND:
        return f"'{goal_title}' is {percent}% done and behind schedule: which action unblocks it?"
    return f"'{goal_title}' is {percent}% done and on track."
