"""Command-line entry point: assess a goal from a JSON description and print the coach's nudge."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from decimal import Decimal
from typing import Optional, Sequence

from pp_ai.coaching.progress import KpiSnapshot, assess, nudge


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="pp_ai", description=__doc__)
    parser.add_argument(
        "goal_json", help='{"title", "start", "due", "kpis": [{"name", "baseline", "target", "current"}]}'
    )
    args = parser.parse_args(argv)
    goal = json.loads(args.goal_json)
    kpis = [
        KpiSnapshot(k["name"], Decimal(str(k["baseline"])), Decimal(str(k["target"])),
                    None if k.get("current") is None else Decimal(str(k["current"])))
        for k in goal["kpis"]
    ]
    progress = assess(kpis, datetime.fromisoformat(goal["start"]), datetime.fromisoformat(goal["due"]),
                      datetime.now(timezone.utc))
    print(nudge(goal["title"], progress))
    return 0


if __name__ == "__main__":
    sys.exit(main())
