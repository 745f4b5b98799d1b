from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from pp_ai.coaching.progress import KpiSnapshot, Trend, assess, elapsed_share, nudge

START = datetime(2026, 1, 1, tzinfo=timezone.utc)
DUE = START + timedelta(days=100)


def kpi(current: str | None, baseline: str = "0", target: str = "100") -> KpiSnapshot:
    return KpiSnapshot("revenue", Decimal(baseline), Decimal(target), None if current is None else Decimal(current))


def test_completion_is_clamped_and_handles_decreasing_targets() -> None:
    assert kpi("150").completion() == Decimal(1)
    assert kpi("-5").completion() == Decimal(0)
    # A "reduce churn from 10 to 4" KPI: 7 is half-way.
    assert kpi("7", baseline="10", target="4").completion() == Decimal("0.5")
    assert kpi(None).completion() is None


def test_elapsed_share_clamps_outside_the_window() -> None:
    assert elapsed_share(START, DUE, START - timedelta(days=1)) == 0
    assert elapsed_share(START, DUE, DUE + timedelta(days=1)) == 1
    assert elapsed_share(START, DUE, START + timedelta(days=25)) == Decimal("0.25")


def test_trend_compares_completion_with_elapsed_time() -> None:
    half_way = START + timedelta(days=50)
    assert assess([kpi("80")], START, DUE, half_way).trend is Trend.AHEAD
    assert assess([kpi("52")], START, DUE, half_way).trend is Trend.ON_TRACK
    assert assess([kpi("20"), kpi(None)], START, DUE, half_way).trend is Trend.BEHIND
    assert assess([kpi(None)], START, DUE, half_way).trend is Trend.NO_DATA


def test_nudge_names_the_goal_and_progress() -> None:
    progress = assess([kpi("20")], START, DUE, START + timedelta(days=50))
    assert nudge("Grow revenue", progress) == (
        "'Grow revenue' is 20% done and behind schedule: which action unblocks it?"
    )
